import type { Asset } from '../../../shared/contract';
import {
  validateMetadataPatch,
  type AgeRating,
  type FieldError,
  type MetadataField,
  type MetadataPatch,
} from '../../../shared/metadata';

/** The detail form's inputs, as typed. */
export interface MetadataDraft {
  title: string;
  description: string;
  ageRating: AgeRating;
  contentId: string;
  slug: string;
  tags: string;
  notes: string;
}

export function draftFromAsset(asset: Asset): MetadataDraft {
  return {
    title: asset.title,
    description: asset.description,
    ageRating: asset.ageRating,
    contentId: asset.contentId === null ? '' : String(asset.contentId),
    slug: asset.slug,
    tags: asset.tags.join(', '),
    notes: asset.notes,
  };
}

/** "a, b,,c" -> ["a", "b", "c"] */
export function parseTagList(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/** A content id as typed: blank is none; anything else is sent as a number to be checked. */
function parseContentId(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

/** The fields the editor changed, as a patch; unchanged fields are left out. */
export function patchFromDraft(draft: MetadataDraft, asset: Asset): MetadataPatch {
  const patch: MetadataPatch = {};
  if (draft.title !== asset.title) patch.title = draft.title;
  if (draft.description !== asset.description) patch.description = draft.description;
  if (draft.ageRating !== asset.ageRating) patch.ageRating = draft.ageRating;
  const contentId = parseContentId(draft.contentId);
  if (contentId !== asset.contentId) patch.contentId = contentId;
  if (draft.slug !== asset.slug) patch.slug = draft.slug;
  const tags = parseTagList(draft.tags);
  if (tags.join('\u0000') !== asset.tags.join('\u0000')) patch.tags = tags;
  if (draft.notes !== asset.notes) patch.notes = draft.notes;
  return patch;
}

export type DraftErrors = Partial<Record<MetadataField, string>>;

/** Field errors by top-level field, first message wins (`tags.2` belongs to tags). */
export function errorsByField(errors: readonly FieldError[]): DraftErrors {
  const out: DraftErrors = {};
  for (const error of errors) {
    const field = error.path.split('.')[0] as MetadataField;
    out[field] ??= error.message;
  }
  return out;
}

/** The shared metadata rules, run before anything is sent. */
export function validateDraft(draft: MetadataDraft, asset: Asset): DraftErrors {
  return errorsByField(validateMetadataPatch(patchFromDraft(draft, asset)));
}
