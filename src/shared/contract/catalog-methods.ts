import { z } from 'zod';
import { metadataPatchSchema } from '../metadata/metadata-schema';
import { assetIdSchema } from './asset-identity';
import {
  assetPageSchema,
  assetSchema,
  assetSearchSchema,
  bulkPatchSchema,
  historyEntrySchema,
  watchFolderSchema,
} from './catalog';
import { defineMethod } from './define';
import { ingestReportSchema } from './ingest';

/**
 * The methods of the catalog, apart from its types (`./catalog`) so that the renderer, which reads
 * those types and parses events with them, never builds these schemas: only the hosts and
 * the engine, through `./methods`, do.
 */
const idsInput = z.object({ ids: z.array(assetIdSchema).min(1).max(10_000) }).strict();

export const catalogMethods = {
  'assets.addPaths': defineMethod({
    summary:
      'Ingest files and folders (recursively): hash, de-duplicate, create assets with defaults from the file names. Streams ingest.progress.',
    input: z.object({ paths: z.array(z.string().min(1).max(32_768)).min(1).max(10_000) }).strict(),
    output: ingestReportSchema,
  }),
  'assets.cancelAdd': defineMethod({
    summary:
      'Stop adding files: one batch (its batchId, from ingest.progress) or every running one. Files already read stay in the library, their analysis queued; the stopped assets.addPaths call fails with E_CANCELLED.',
    input: z.object({ batchId: z.string().min(1).max(100).optional() }).strict(),
    output: z.object({ cancelled: z.number().int() }),
  }),
  'assets.search': defineMethod({
    summary: 'One page of the library: full-text query, filters, sort, keyset cursor.',
    input: assetSearchSchema,
    output: assetPageSchema,
  }),
  'assets.get': defineMethod({
    summary: 'One asset with its locations, also while it is in the trash.',
    input: z.object({ id: assetIdSchema }).strict(),
    output: assetSchema,
  }),
  'assets.update': defineMethod({
    summary: 'Change some metadata fields of one asset. Field-level E_VALIDATION errors.',
    input: z
      .object({
        id: assetIdSchema,
        patch: metadataPatchSchema,
        /** When given, the edit fails with E_CONFLICT if someone changed the asset since. */
        expectedRevision: z.number().int().optional(),
      })
      .strict(),
    output: assetSchema,
  }),
  'assets.bulkUpdate': defineMethod({
    summary:
      'Apply one patch to many assets: all change or none (every asset is checked before any is written). Streams bulk.progress for large sets; bulk.cancel stops it with nothing changed (E_CANCELLED).',
    input: z
      .object({ ids: z.array(assetIdSchema).min(1).max(10_000), patch: bulkPatchSchema })
      .strict(),
    output: z.object({ batchId: z.string(), updated: z.number().int() }),
  }),
  'assets.history': defineMethod({
    summary: 'Who changed what and when, newest first.',
    input: z
      .object({ id: assetIdSchema, limit: z.number().int().min(1).max(500).default(100) })
      .strict(),
    output: z.array(historyEntrySchema),
  }),
  'assets.undo': defineMethod({
    summary: 'Undo the latest edit of an asset that is not undone yet.',
    input: z.object({ id: assetIdSchema }).strict(),
    output: assetSchema,
  }),
  'assets.remove': defineMethod({
    summary:
      'Move assets to the trash. Files on disk are never touched. Streams bulk.progress for large sets; bulk.cancel stops it, the assets moved so far staying in the trash (E_CANCELLED says how many).',
    input: idsInput,
    output: z.object({ removed: z.number().int() }),
  }),
  'assets.restore': defineMethod({
    summary: 'Bring assets back from the trash with their metadata and history.',
    input: idsInput,
    output: z.object({ restored: z.number().int() }),
  }),
  'assets.trash': defineMethod({
    summary: 'The assets in the trash, most recently removed first.',
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        cursor: z.string().max(2000).nullable().default(null),
      })
      .strict(),
    output: assetPageSchema,
  }),
  'trash.empty': defineMethod({
    summary:
      'Forget the assets in the trash for good (catalog rows only; files on disk stay untouched). Streams bulk.progress for a large trash; bulk.cancel stops it, the assets forgotten so far staying gone (E_CANCELLED says how many).',
    input: z.object({}).strict(),
    output: z.object({ deleted: z.number().int() }),
  }),
  'watchFolders.list': defineMethod({
    summary: 'Folders whose new and changed videos are ingested automatically.',
    input: z.object({}).strict(),
    output: z.array(watchFolderSchema),
  }),
  'watchFolders.add': defineMethod({
    summary: 'Watch a folder (and ingest what is already in it).',
    input: z.object({ path: z.string().min(1).max(32_768) }).strict(),
    output: watchFolderSchema,
  }),
  'watchFolders.remove': defineMethod({
    summary: 'Stop watching a folder. Its assets stay in the catalog.',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ removed: z.boolean() }),
  }),
};
