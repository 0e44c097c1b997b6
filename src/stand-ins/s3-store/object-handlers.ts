import fs from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { parseRange } from './byte-range';
import { checkReadConditions, checkWriteConditions } from './conditions';
import { newDataName, unlinkQuietly } from './disk-layout';
import { headersFromRequest, objectResponseHeaders, publicReadRequested } from './object-headers';
import { readSegments } from './read-segments';
import { receiveBody } from './receive-body';
import { requestHeader, sendEmpty, type RequestContext } from './request-context';
import { noSuchKey, S3Error } from './s3-error';
import type { ObjectRecord } from './store-records';

/** S3's single-PUT limit. */
const MAX_PUT_BYTES = 5 * 1024 ** 3;

/** The lock name for writes to one key (see StoreState.withLock). */
export function objectLock(bucket: string, key: string): string {
  return `object\n${bucket}\n${key}`;
}

export function checkKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > 1024)
    throw new S3Error(400, 'KeyTooLongError', 'Your key is too long');
}

/** Overrides a presigned GET may ask for (`response-content-type=...`). */
const RESPONSE_OVERRIDES: [string, string][] = [
  ['response-content-type', 'content-type'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
  ['response-content-language', 'content-language'],
  ['response-cache-control', 'cache-control'],
  ['response-expires', 'expires'],
];

export async function putObject(ctx: RequestContext): Promise<void> {
  const { state, layout, bucket, key } = ctx;
  checkKey(key);
  // Checked before the body too, so a refused conditional write does not cost the upload.
  checkWriteConditions(ctx.req.headers, state.bucket(bucket).objects.get(key));
  if (Number(requestHeader(ctx, 'content-length') ?? 0) > MAX_PUT_BYTES)
    throw new S3Error(
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
    );
  const body = await receiveBody(ctx.req, layout.tmpPath());
  try {
    const record = await state.withLock(objectLock(bucket, key), async () => {
      checkWriteConditions(ctx.req.headers, state.bucket(bucket).objects.get(key));
      const file = newDataName();
      await fs.rename(body.tmpPath, layout.dataFile(bucket, file));
      const { stored, metadata } = headersFromRequest(ctx.req.headers);
      const record: ObjectRecord = {
        ...stored,
        key,
        size: body.size,
        etag: `"${body.md5.toString('hex')}"`,
        lastModified: ctx.now().toISOString(),
        metadata,
        ...(body.declared ? { checksum: { ...body.declared, type: 'FULL_OBJECT' } } : {}),
        ...(publicReadRequested(ctx.req.headers) ? { publicRead: true } : {}),
        segments: [{ file, size: body.size }],
      };
      await state.saveObject(bucket, record);
      return record;
    });
    const echoed: Record<string, string> = {};
    if (record.checksum) {
      echoed[`x-amz-checksum-${record.checksum.algorithm}`] = record.checksum.value;
      echoed['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    sendEmpty(ctx, 200, { etag: record.etag, ...echoed });
  } finally {
    await unlinkQuietly(body.tmpPath); // gone already when committed
  }
}

/** GetObject and HeadObject: the same headers; HEAD sends no body (and errors without one). */
export async function getObject(ctx: RequestContext, head: boolean): Promise<void> {
  const record = ctx.state.bucket(ctx.bucket).objects.get(ctx.key);
  if (!record) throw noSuchKey();
  const checksumMode = requestHeader(ctx, 'x-amz-checksum-mode') === 'ENABLED';
  if (checkReadConditions(ctx.req.headers, record) === 'not-modified') {
    ctx.res.writeHead(304, {
      etag: record.etag,
      'last-modified': new Date(record.lastModified).toUTCString(),
    });
    ctx.res.end();
    return;
  }
  const range = parseRange(requestHeader(ctx, 'range'), record.size);
  const headers = objectResponseHeaders(record, { checksum: checksumMode && !range });
  for (const [param, name] of RESPONSE_OVERRIDES) {
    const value = ctx.query.get(param);
    if (value !== null) headers[name] = value;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? record.size - 1;
  headers['content-length'] = String(end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${record.size}`;
  ctx.res.writeHead(range ? 206 : 200, headers);
  if (head || record.size === 0) {
    ctx.res.end();
    return;
  }
  try {
    await pipeline(readSegments(ctx.layout, ctx.bucket, record.segments, start, end), ctx.res);
  } catch {
    ctx.res.destroy(); // the client went away, or the object was deleted mid-read
  }
}

export async function deleteObject(ctx: RequestContext): Promise<void> {
  const { state, bucket, key } = ctx;
  state.bucket(bucket);
  await state.withLock(objectLock(bucket, key), () => state.deleteObject(bucket, key));
  sendEmpty(ctx, 204);
}
