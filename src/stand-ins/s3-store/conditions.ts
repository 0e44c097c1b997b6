import type { IncomingHttpHeaders } from 'node:http';
import { noSuchKey, preconditionFailed, S3Error } from './s3-error';
import type { ObjectRecord } from './store-records';

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Whether an If-Match / If-None-Match list (`"a", "b"` or `*`) names this ETag. */
function listMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/^"|"$/g, '');
  return list
    .split(',')
    .map((item) => item.trim().replace(/^W\//, '').replace(/^"|"$/g, ''))
    .some((item) => item === '*' || item === bare);
}

function notModifiedSince(value: string | undefined, record: ObjectRecord): boolean {
  if (value === undefined) return false;
  const since = Date.parse(value);
  return !Number.isNaN(since) && Math.floor(Date.parse(record.lastModified) / 1000) * 1000 <= since;
}

/**
 * Conditional writes (PutObject, CopyObject's destination, CompleteMultipartUpload):
 * `If-None-Match: *` fails when the key exists; `If-Match` fails on another ETag and answers
 * NoSuchKey when there is no object at all, as S3 does.
 */
export function checkWriteConditions(
  headers: IncomingHttpHeaders,
  existing: ObjectRecord | undefined,
): void {
  const noneMatch = single(headers, 'if-none-match');
  if (noneMatch !== undefined) {
    if (noneMatch.trim() !== '*') {
      throw new S3Error(
        501,
        'NotImplemented',
        'A header you provided implies functionality that is not implemented',
        { Header: 'If-None-Match' },
      );
    }
    if (existing) throw preconditionFailed('If-None-Match');
  }
  const match = single(headers, 'if-match');
  if (match !== undefined) {
    if (!existing) throw noSuchKey();
    if (!listMatches(match, existing.etag)) throw preconditionFailed('If-Match');
  }
}

/** GET/HEAD conditions: 412 for If-Match/If-Unmodified-Since, 'not-modified' for a 304. */
export function checkReadConditions(
  headers: IncomingHttpHeaders,
  record: ObjectRecord,
): 'ok' | 'not-modified' {
  const match = single(headers, 'if-match');
  if (match !== undefined && !listMatches(match, record.etag)) throw preconditionFailed('If-Match');
  const unmodified = single(headers, 'if-unmodified-since');
  if (match === undefined && unmodified !== undefined && !notModifiedSince(unmodified, record))
    throw preconditionFailed('If-Unmodified-Since');
  const noneMatch = single(headers, 'if-none-match');
  if (noneMatch !== undefined) return listMatches(noneMatch, record.etag) ? 'not-modified' : 'ok';
  return notModifiedSince(single(headers, 'if-modified-since'), record) ? 'not-modified' : 'ok';
}

/** x-amz-copy-source-if-* on CopyObject and UploadPartCopy: 412 when the source changed. */
export function checkCopySourceConditions(
  headers: IncomingHttpHeaders,
  source: ObjectRecord,
): void {
  const match = single(headers, 'x-amz-copy-source-if-match');
  if (match !== undefined && !listMatches(match, source.etag))
    throw preconditionFailed('x-amz-copy-source-If-Match');
  const noneMatch = single(headers, 'x-amz-copy-source-if-none-match');
  if (noneMatch !== undefined && listMatches(noneMatch, source.etag))
    throw preconditionFailed('x-amz-copy-source-If-None-Match');
  const unmodified = single(headers, 'x-amz-copy-source-if-unmodified-since');
  if (match === undefined && unmodified !== undefined && !notModifiedSince(unmodified, source))
    throw preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  const modified = single(headers, 'x-amz-copy-source-if-modified-since');
  if (noneMatch === undefined && notModifiedSince(modified, source))
    throw preconditionFailed('x-amz-copy-source-If-Modified-Since');
}
