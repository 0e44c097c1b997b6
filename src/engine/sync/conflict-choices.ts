import { dailiesError, type ConflictChoice, type SyncConflict } from '../../shared/contract';
import { ageRatingSchema, type MetadataPatch } from '../../shared/metadata/metadata-schema';
import type { RemoteSnapshot } from './remote-snapshot';

export type ConflictFieldName = SyncConflict['fields'][number]['field'];

/** The side chosen for each conflicting field; E_VALIDATION naming the fields left out. */
export function choicesFor(
  conflict: SyncConflict,
  keep: ConflictChoice,
): Map<ConflictFieldName, 'ours' | 'theirs'> {
  const sides = new Map<ConflictFieldName, 'ours' | 'theirs'>();
  const missing: ConflictFieldName[] = [];
  for (const { field } of conflict.fields) {
    const side = typeof keep === 'string' ? keep : keep[field];
    if (side) sides.set(field, side);
    else missing.push(field);
  }
  if (missing.length > 0) {
    throw dailiesError(
      'E_VALIDATION',
      `Choose which version to keep for ${missing.map(fieldLabel).join(' and ')} too: ` +
        'every field changed on both sides needs a choice.',
      { details: { missing } },
    );
  }
  return sides;
}

function fieldLabel(field: ConflictFieldName): string {
  return field === 'ageRating' ? 'the age rating' : `the ${field}`;
}

/** The platform's values of the fields where 'theirs' was chosen, as a catalog edit. */
export function theirsPatch(
  remote: RemoteSnapshot,
  sides: ReadonlyMap<ConflictFieldName, 'ours' | 'theirs'>,
): MetadataPatch {
  const patch: MetadataPatch = {};
  if (sides.get('title') === 'theirs') patch.title = remote.title;
  if (sides.get('description') === 'theirs') patch.description = remote.description ?? '';
  const rating = ageRatingSchema.safeParse(remote.age_rating);
  if (sides.get('ageRating') === 'theirs' && rating.success) patch.ageRating = rating.data;
  return patch;
}
