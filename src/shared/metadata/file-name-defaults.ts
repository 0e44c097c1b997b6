import { contentIdFromFileName } from './content-id';
import { slugOrFallback } from './slug';
import { clampTitle, titleFromSlug } from './title';

export interface FileNameDefaults {
  title: string;
  contentId: number | null;
  slug: string;
}

/** The file name without its last extension (`a.b.mp4` -> `a.b`; `.mp4` stays as is). */
export function fileStem(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * Metadata the platform would derive from a file named `{content_id}_{slug}.ext`: the digits
 * before the first `_` are the content id, the rest becomes the slug and, capitalised, the
 * title. `12_the-dark-knight.mp4` gives 12, `the-dark-knight`, `The Dark Knight`.
 */
export function defaultsFromFileName(fileName: string, sha256: string): FileNameDefaults {
  const stem = fileStem(fileName);
  const contentId = contentIdFromFileName(stem);
  const rest = /^\d+_(.*)$/.exec(stem)?.[1] ?? stem;
  const title = clampTitle(titleFromSlug(rest));
  return {
    title: title || (contentId === null ? clampTitle(stem) || 'Untitled' : `Content ${contentId}`),
    contentId,
    slug: slugOrFallback(rest, sha256),
  };
}
