import { contentIdFromFileName } from './content-id';
import { withoutUnsafeText } from './metadata-schema';
import { slugify, slugOrFallback } from './slug';
import { clampTitle, titleFromSlug } from './title';

export interface FileNameDefaults {
  title: string;
  contentId: number | null;
  slug: string;
  description: string;
}

/**
 * The description the platform's cloud ingest writes for an upload it registers itself. An
 * asset starts with it, so a record Dailies made reads like one the platform made.
 */
export function defaultDescription(slug: string): string {
  return `Uploaded video: ${slug}`;
}

/** The file name without its last extension (`a.b.mp4` -> `a.b`; `.mp4` stays as is). */
export function fileStem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * Metadata the platform would derive from a file named `{content_id}_{slug}.ext`: the digits
 * before the first `_` are the content id, the rest becomes the slug, and the title is the
 * platform's own fallback from that slug, so the two cannot tell each other's records apart:
 * `12_the-dark-knight.mp4` gives 12, `the-dark-knight`, `The Dark Knight`;
 * `8_o'brien-2nd-cut.mp4` gives `o-brien-2nd-cut`, `O Brien 2nd Cut`. A name outside the
 * convention is all slug. A name with nothing the slug keeps (Korean, Japanese) keeps its own
 * text as the title: the platform's `Asset 1a2b3c4d` would tell an editor nothing.
 */
export function defaultsFromFileName(fileName: string, sha256: string): FileNameDefaults {
  const stem = fileStem(fileName);
  const contentId = contentIdFromFileName(stem);
  const rest = /^\d+_(.*)$/.exec(stem)?.[1] ?? stem;
  const slug = slugOrFallback(rest, sha256);
  const title = clampTitle(slugify(rest) ? titleFromSlug(slug) : withoutUnsafeText(rest));
  return {
    title: title || (contentId === null ? clampTitle(stem) || 'Untitled' : `Content ${contentId}`),
    contentId,
    slug,
    description: defaultDescription(slug),
  };
}
