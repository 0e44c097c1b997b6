import { dailiesError, platformFields } from '../../shared/contract';
import {
  metadataFields,
  metadataSchema,
  type Metadata,
  type MetadataField,
  type MetadataPatch,
} from '../../shared/metadata/metadata-schema';
import { defaultDescription } from '../../shared/metadata/file-name-defaults';
import { toMetadata } from './asset-mapper';
import type { AssetFieldUpdate, AssetRow } from './repositories/asset-repository';
import { isoNow, type Clock } from '../time/clock';

/** One field of an edit, as its history entry keeps it (undo writes `from` back). */
export interface FieldChange {
  field: MetadataField;
  from: unknown;
  to: unknown;
}

/** Platform-visible fields that are locked once an asset has been synced. */
const lockedOnceSynced: ReadonlySet<MetadataField> = new Set(['contentId', 'slug']);
const platformVisible: ReadonlySet<string> = new Set(platformFields);

/** What the patch changes and the columns to write; throws when the asset refuses it. */
export function planMetadataEdit(
  row: AssetRow,
  patch: MetadataPatch,
  recordEmpty: boolean,
  clock: Clock,
): { changes: FieldChange[]; update: AssetFieldUpdate } | null {
  const current = toMetadata(row);
  const next = metadataSchema.safeParse({ ...current, ...patch });
  if (!next.success) {
    const fields = next.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw dailiesError(
      'E_VALIDATION',
      `"${row.title}" cannot take this change (${fields[0]?.path}: ${fields[0]?.message}).`,
      { details: { id: row.id, fields } },
    );
  }
  // The default description names the slug; it follows a new slug unless the editor wrote
  // their own (or writes one in this same patch).
  if (
    patch.description === undefined &&
    next.data.slug !== current.slug &&
    current.description === defaultDescription(current.slug)
  ) {
    next.data.description = defaultDescription(next.data.slug);
  }
  const changes: FieldChange[] = metadataFields
    .filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next.data[field]))
    .map((field) => ({ field, from: current[field], to: next.data[field] }));
  if (changes.length === 0 && !recordEmpty) return null;

  const locked = changes.filter((change) => lockedOnceSynced.has(change.field));
  if (row.syncedAt !== null && locked.length > 0) {
    throw dailiesError(
      'E_CONFLICT',
      `"${row.title}" is already on the platform, so its content id and slug are locked. ` +
        'Publish it under a new key to change them.',
      {
        details: {
          id: row.id,
          fields: locked.map((change) => ({ path: change.field, message: 'Locked after sync' })),
        },
      },
    );
  }
  const at = isoNow(clock);
  const update: AssetFieldUpdate = { ...toColumns(next.data), updatedAt: at };
  if (row.status === 'synced' && changes.some((change) => platformVisible.has(change.field))) {
    update.status = 'dirty';
  }
  return { changes, update };
}

/** The asset row's columns for a whole set of metadata (tags are stored as JSON). */
export function toColumns(metadata: Metadata): AssetFieldUpdate {
  const { tags, ...rest } = metadata;
  return { ...rest, tagsJson: JSON.stringify(tags) };
}
