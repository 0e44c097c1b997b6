import { z } from 'zod';
import { ageRatingSchema, metadataPatchSchema, tagSchema } from '../metadata/metadata-schema';
import { assetIdSchema, assetStatusSchema } from './asset-identity';
import { resolutionClassSchema } from './media';

const isoTime = z.string().describe('ISO 8601 in UTC');

/** One place on disk where the asset's content lives. */
export const assetLocationSchema = z.object({
  id: z.number().int(),
  /** For display; bytes that are not UTF-8 show as U+FFFD. */
  path: z.string(),
  folder: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
});
export type AssetLocation = z.infer<typeof assetLocationSchema>;

export const assetSchema = z.object({
  id: assetIdSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  fileName: z.string(),
  extension: z.string(),
  title: z.string(),
  description: z.string(),
  ageRating: ageRatingSchema,
  contentId: z.number().int().nullable(),
  slug: z.string(),
  tags: z.array(z.string()),
  notes: z.string(),
  status: assetStatusSchema,
  /** The file changed (or was never analysed) since its media info was taken. */
  needsAnalysis: z.boolean(),
  codec: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  resolutionClass: resolutionClassSchema.nullable(),
  durationSeconds: z.number().nullable(),
  /** Content id and slug are locked once the asset has been synced. */
  syncedAt: isoTime.nullable(),
  addedAt: isoTime,
  updatedAt: isoTime,
  /** Set while the asset is in the trash. */
  deletedAt: isoTime.nullable(),
  /** Increases with every change; pass it back to detect a concurrent edit. */
  revision: z.number().int(),
  /**
   * The thumbnail and filmstrip the last analysis wrote, or null before one did. `version`
   * changes whenever they are rewritten, so a view can bust its image cache with it.
   */
  stills: z.object({ version: z.number().int(), filmstrip: z.boolean() }).nullable(),
  locations: z.array(assetLocationSchema),
});
export type Asset = z.infer<typeof assetSchema>;

export const assetsChangedSchema = z.object({
  reason: z.enum(['added', 'updated', 'removed', 'restored', 'deleted']),
  ids: z.array(assetIdSchema),
});
export type AssetsChanged = z.infer<typeof assetsChangedSchema>;

export const assetSortFields = [
  'addedAt',
  'updatedAt',
  'title',
  'fileName',
  'status',
  'codec',
  'resolutionClass',
  'durationSeconds',
  'sizeBytes',
  'contentId',
] as const;
export const assetSortSchema = z.object({
  field: z.enum(assetSortFields).default('addedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
export type AssetSort = z.infer<typeof assetSortSchema>;

export const assetFiltersSchema = z
  .object({
    status: z.array(assetStatusSchema).min(1).optional(),
    codec: z.array(z.string().min(1)).min(1).optional(),
    resolutionClass: z.array(resolutionClassSchema).min(1).optional(),
    durationMin: z.number().nonnegative().optional(),
    durationMax: z.number().nonnegative().optional(),
    addedFrom: z.iso.datetime().optional(),
    addedTo: z.iso.datetime().optional(),
    /** Assets with a file in this folder or below it. */
    folder: z.string().min(1).optional(),
  })
  .strict();
export type AssetFilters = z.infer<typeof assetFiltersSchema>;

export const assetSearchSchema = z
  .object({
    /** Words matched as prefixes against title, description, tags and file names. */
    query: z.string().max(500).default(''),
    filters: assetFiltersSchema.default({}),
    sort: assetSortSchema.default({ field: 'addedAt', direction: 'desc' }),
    limit: z.number().int().min(1).max(500).default(100),
    /** From the previous page's nextCursor, with the same query, filters and sort. */
    cursor: z.string().max(2000).nullable().default(null),
    /** Count all matches (costs a second query; ask on the first page only). */
    includeTotal: z.boolean().default(false),
  })
  .strict();
export type AssetSearch = z.infer<typeof assetSearchSchema>;

export const assetPageSchema = z.object({
  items: z.array(assetSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().nullable(),
});
export type AssetPage = z.infer<typeof assetPageSchema>;

const fieldChangeSchema = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});

export const historyEntrySchema = z.object({
  id: z.number().int(),
  assetId: assetIdSchema,
  /** Shared by every asset changed in one bulk edit. */
  batchId: z.string(),
  /** 'delivery-override': sent although it failed the delivery check (changes say which). */
  kind: z.enum(['edit', 'undo', 'file-changed', 'delivery-override']),
  actor: z.string(),
  at: isoTime,
  changes: z.array(fieldChangeSchema),
  undone: z.boolean(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A bulk patch: set fields, and add or remove tags without replacing the others. */
export const bulkPatchSchema = metadataPatchSchema
  .extend({
    addTags: z.array(tagSchema).max(50).optional(),
    removeTags: z.array(tagSchema).max(50).optional(),
  })
  .strict();
export type BulkPatch = z.infer<typeof bulkPatchSchema>;

export const watchFolderSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  addedAt: isoTime,
  lastScanAt: isoTime.nullable(),
  /** Null while the watcher runs; a message when the folder cannot be watched. */
  problem: z.string().nullable(),
});
export type WatchFolder = z.infer<typeof watchFolderSchema>;

/** Fields whose change the platform sees: editing them on a synced asset makes it dirty. */
export const platformFields = ['title', 'description', 'ageRating', 'contentId', 'slug'] as const;
