import type {
  Asset,
  TmdbApplyResult,
  TmdbField,
  TmdbKind,
  TmdbLanguage,
  TmdbSuggestions,
} from '../../shared/contract';
import {
  metadataSchema,
  type MetadataField,
  type MetadataPatch,
} from '../../shared/metadata/metadata-schema';
import type { TmdbRepository } from '../catalog/repositories/tmdb-repository';
import { isoNow, type Clock } from '../time/clock';

export interface ApplyInput {
  assetId: number;
  tmdbId: number;
  kind: TmdbKind;
  fields: TmdbField[];
  expected: {
    title?: string | undefined;
    overview?: string | undefined;
    ageRating?: string | undefined;
  };
  language?: TmdbLanguage | undefined;
}

export interface ApplySuggestionsDeps {
  suggestions: (input: ApplyInput) => Promise<TmdbSuggestions>;
  getAsset: (id: number) => Asset;
  /** The ordinary metadata edit: validation, history, undo, dirty after sync. */
  update: (id: number, patch: MetadataPatch, expectedRevision: number) => Asset;
  /** The batch id of the asset's newest history entry. */
  latestBatchId: (id: number) => string | null;
  repository: TmdbRepository;
  clock: Clock;
}

/** Which metadata field each suggestion fills: TMDB's overview is the asset's description. */
const targetOf: Record<TmdbField, MetadataField> = {
  title: 'title',
  overview: 'description',
  ageRating: 'ageRating',
};

/**
 * Accepts suggested fields as one ordinary edit. A field whose value is no longer what the
 * editor saw (changed meanwhile, by them or anyone) is refused and left as it is.
 */
export async function applySuggestions(
  deps: ApplySuggestionsDeps,
  input: ApplyInput,
): Promise<TmdbApplyResult> {
  const suggestions = await deps.suggestions(input);
  // Read after the (possibly slow) fetch: the values compared are the ones written over.
  const asset = deps.getAsset(input.assetId);
  const current: Record<TmdbField, string> = {
    title: asset.title,
    overview: asset.description,
    ageRating: asset.ageRating,
  };
  const suggested: Record<TmdbField, string | null> = {
    title: suggestions.title.suggested,
    overview: suggestions.overview.suggested,
    ageRating: suggestions.ageRating.suggested,
  };
  const refused: TmdbApplyResult['refused'] = [];
  const patch: Record<string, unknown> = {};
  const applied: TmdbField[] = [];
  for (const field of new Set(input.fields)) {
    const expected = input.expected[field];
    if (expected !== undefined && expected !== current[field]) {
      refused.push({
        field,
        reason: 'changed-meanwhile',
        message: `The ${label(field)} was changed since the suggestion was shown; it was kept.`,
      });
      continue;
    }
    const value = suggested[field];
    if (value === null) {
      refused.push({
        field,
        reason: 'no-suggestion',
        message:
          field === 'ageRating'
            ? (suggestions.ageRating.unmapped?.message ?? 'TMDB has no age rating to apply.')
            : `TMDB has no ${label(field)} for this title.`,
      });
      continue;
    }
    const target = targetOf[field];
    const valid = metadataSchema.shape[target].safeParse(value);
    if (!valid.success) {
      refused.push({
        field,
        reason: 'invalid',
        message: valid.error.issues[0]?.message ?? `The ${label(field)} is not valid.`,
      });
      continue;
    }
    patch[target] = valid.data;
    applied.push(field);
  }
  let revision = asset.revision;
  let batchId: string | null = null;
  if (applied.length > 0) {
    const updated = deps.update(asset.id, patch as MetadataPatch, asset.revision);
    if (updated.revision !== asset.revision) batchId = deps.latestBatchId(asset.id);
    revision = updated.revision;
    deps.repository.saveLink(asset.id, {
      tmdbId: input.tmdbId,
      kind: input.kind,
      linkedAt: isoNow(deps.clock),
    });
  }
  return { assetId: asset.id, applied, refused, batchId, revision };
}

function label(field: TmdbField): string {
  return field === 'ageRating' ? 'age rating' : field;
}
