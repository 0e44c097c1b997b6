import { dailiesError } from '../../shared/contract/errors';
import { isValidContentId } from '../../shared/metadata/content-id';
import { isValidSlug } from '../../shared/metadata/slug';
import { normaliseKeyPrefix } from '../../shared/key-prefix';

// The profile form and the engine normalise the prefix the same way.
export { normaliseKeyPrefix };

/**
 * The platform's object naming (PLATFORM_API.md, "Object keys"): the platform and its cloud
 * function read content ids and titles back out of these names, so they follow it exactly.
 */

/** The file's extension in lower case without the dot; '' when it has none. */
export function fileExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export interface ObjectKeyParts {
  keyPrefix?: string | null;
  contentId: number;
  slug: string;
}

function checkParts(parts: ObjectKeyParts): void {
  if (!isValidContentId(parts.contentId)) {
    throw dailiesError(
      'E_VALIDATION',
      `The content id ${parts.contentId} cannot name an object: it must be 1 to 2147483647.`,
      { details: { field: 'contentId' } },
    );
  }
  if (!isValidSlug(parts.slug)) {
    throw dailiesError(
      'E_VALIDATION',
      `The slug "${parts.slug}" cannot name an object: use a-z, 0-9 and single dashes.`,
      { details: { field: 'slug' } },
    );
  }
}

/** `videos/{content_id}_{slug}.{ext}` below the prefix; `extension` as in the source file. */
export function videoObjectKey(parts: ObjectKeyParts & { extension: string }): string {
  checkParts(parts);
  const extension = parts.extension.replace(/^\./, '').toLowerCase();
  if (!/^[a-z0-9]{1,16}$/.test(extension)) {
    throw dailiesError(
      'E_VALIDATION',
      'The video file needs an extension such as .mp4 or .mov: the platform reads the ' +
        'format from the object name.',
      { details: { field: 'extension', extension: parts.extension } },
    );
  }
  return `${normaliseKeyPrefix(parts.keyPrefix)}videos/${parts.contentId}_${parts.slug}.${extension}`;
}

/** `thumbnails/thumb_{content_id}_{slug}.jpg` below the prefix. */
export function thumbnailObjectKey(parts: ObjectKeyParts): string {
  checkParts(parts);
  return `${normaliseKeyPrefix(parts.keyPrefix)}thumbnails/thumb_${parts.contentId}_${parts.slug}.jpg`;
}

/** The URL the platform stores for an object: `s3://{bucket}/{key}`, the key as it is. */
export function s3Url(bucket: string, key: string): string {
  if (bucket.trim() === '' || bucket.includes('/')) {
    throw dailiesError('E_VALIDATION', `"${bucket}" is not a bucket name.`, {
      details: { field: 'bucket' },
    });
  }
  return `s3://${bucket}/${key}`;
}

/**
 * Where the platform's video service serves an object with a CDN domain:
 * `https://{cdn}/{key}`. Takes the domain as editors type it (with or without `https://` and
 * a trailing `/`); each key segment is URL-encoded.
 */
export function cdnUrl(cdnDomain: string, key: string): string {
  const domain = cdnDomain
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
  if (domain === '') {
    throw dailiesError('E_VALIDATION', 'The CDN domain is empty.', {
      details: { field: 'cdnDomain' },
    });
  }
  return `https://${domain}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

const contentTypes: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  ts: 'video/mp2t',
  mts: 'video/mp2t',
  m2ts: 'video/mp2t',
  mxf: 'application/mxf',
  avi: 'video/x-msvideo',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** The object's `Content-Type` from its extension; `application/octet-stream` otherwise. */
export function contentTypeForExtension(extension: string): string {
  return contentTypes[extension.replace(/^\./, '').toLowerCase()] ?? 'application/octet-stream';
}

/** The `Content-Type` for an object key or file name. */
export function contentTypeForKey(key: string): string {
  return contentTypeForExtension(fileExtension(key));
}
