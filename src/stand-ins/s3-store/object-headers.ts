import type { IncomingHttpHeaders } from 'node:http';
import { httpDate } from './request-context';
import type { ObjectHeaders, ObjectRecord, UploadRecord } from './store-records';

const STORED: [keyof ObjectHeaders, string][] = [
  ['contentType', 'content-type'],
  ['contentDisposition', 'content-disposition'],
  ['contentEncoding', 'content-encoding'],
  ['contentLanguage', 'content-language'],
  ['cacheControl', 'cache-control'],
  ['expires', 'expires'],
];

/** S3's Content-Type for an object stored without one. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The standard headers and x-amz-meta-* of a request that writes an object. `aws-chunked`
 * describes the transfer, not the object, so S3 drops it from the stored Content-Encoding.
 */
export function headersFromRequest(headers: IncomingHttpHeaders): {
  stored: ObjectHeaders;
  metadata: Record<string, string>;
} {
  const stored: ObjectHeaders = {};
  for (const [field, name] of STORED) {
    const value = single(headers, name);
    if (value !== undefined) stored[field] = value;
  }
  if (stored.contentEncoding !== undefined) {
    const kept = stored.contentEncoding
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '' && part.toLowerCase() !== 'aws-chunked');
    if (kept.length === 0) delete stored.contentEncoding;
    else stored.contentEncoding = kept.join(',');
  }
  stored.contentType ??= DEFAULT_CONTENT_TYPE;
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined)
      metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  return { stored, metadata };
}

/** Whether a write asks for a canned ACL that lets anyone read (`x-amz-acl`). */
export function publicReadRequested(headers: IncomingHttpHeaders): boolean {
  const acl = single(headers, 'x-amz-acl');
  return acl === 'public-read' || acl === 'public-read-write';
}

/** The stored standard headers of a record, to copy into another record. */
export function storedHeaders(record: ObjectHeaders): ObjectHeaders {
  const out: ObjectHeaders = {};
  for (const [field] of STORED) if (record[field] !== undefined) out[field] = record[field];
  return out;
}

/** GET/HEAD response headers for an object (checksum only when asked for). */
export function objectResponseHeaders(
  record: ObjectRecord | UploadRecord,
  options: { checksum: boolean },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, name] of STORED) {
    const value = record[field];
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(record.metadata)) out[`x-amz-meta-${name}`] = value;
  if ('etag' in record) {
    out['etag'] = record.etag;
    out['last-modified'] = httpDate(record.lastModified);
    out['accept-ranges'] = 'bytes';
    if (record.partsCount !== undefined) out['x-amz-mp-parts-count'] = String(record.partsCount);
    if (options.checksum && record.checksum) {
      out[`x-amz-checksum-${record.checksum.algorithm}`] = record.checksum.value;
      out['x-amz-checksum-type'] = record.checksum.type;
    }
  }
  return out;
}
