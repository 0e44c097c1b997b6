import fs from 'node:fs/promises';
import { parseCopyRange } from './byte-range';
import { checkCopySourceConditions, checkWriteConditions } from './conditions';
import { newDataName, unlinkQuietly } from './disk-layout';
import { hashToFile } from './hash-to-file';
import { checksumField, commitPart, partNumberParam } from './multipart-handlers';
import { headersFromRequest, publicReadRequested, storedHeaders } from './object-headers';
import { checkKey, objectLock } from './object-handlers';
import { readSegments } from './read-segments';
import { requestHeader, sendXml, xmlDate, type RequestContext } from './request-context';
import { invalidArgument, noSuchKey, S3Error } from './s3-error';
import type { ChecksumAlgorithm } from './s3-checksums';
import type { DataSegment, ObjectRecord, StoredChecksum } from './store-records';

/** `x-amz-copy-source: [/]bucket/url-encoded-key[?versionId=...]`, resolved to its object. */
function copySource(ctx: RequestContext): { bucket: string; record: ObjectRecord } {
  const raw = requestHeader(ctx, 'x-amz-copy-source') ?? '';
  // Clients encode the key (some the slash after the bucket too): decode, then split.
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\?versionId=[^&]*$/, '')).replace(/^\//, '');
  } catch {
    throw invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', raw);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw invalidArgument(
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      'x-amz-copy-source',
      raw,
    );
  }
  const bucket = decoded.slice(0, slash);
  const key = decoded.slice(slash + 1);
  const record = ctx.state.bucket(bucket).objects.get(key);
  if (!record) throw noSuchKey();
  checkCopySourceConditions(ctx.req.headers, record);
  return { bucket, record };
}

/** New names for the source's bytes: hard links (no copying), or a copy across devices. */
async function duplicateSegments(
  ctx: RequestContext,
  from: string,
  segments: DataSegment[],
): Promise<DataSegment[]> {
  const out: DataSegment[] = [];
  try {
    for (const segment of segments) {
      const file = newDataName();
      const source = ctx.layout.dataFile(from, segment.file);
      const target = ctx.layout.dataFile(ctx.bucket, file);
      out.push({ file, size: segment.size });
      await fs.link(source, target).catch(() => fs.copyFile(source, target));
    }
  } catch (error) {
    for (const segment of out) await unlinkQuietly(ctx.layout.dataFile(ctx.bucket, segment.file));
    throw error;
  }
  return out;
}

/**
 * CopyObject. COPY keeps the source's metadata; REPLACE takes the request's, which is how
 * Dailies rewrites an object's metadata in place (copying it onto itself). A copy has a
 * single-part ETag: a multipart source's bytes are read once for their MD5, and for a
 * full-object checksum when the source's is composite or another algorithm is asked for.
 */
export async function copyObject(ctx: RequestContext): Promise<void> {
  const { state, bucket, key } = ctx;
  state.bucket(bucket);
  checkKey(key);
  const directive = (requestHeader(ctx, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE')
    throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  const asked = requestHeader(ctx, 'x-amz-checksum-algorithm')?.toLowerCase() as
    ChecksumAlgorithm | undefined;
  const record = await state.withLock(objectLock(bucket, key), async () => {
    const source = copySource(ctx);
    if (
      source.bucket === bucket &&
      source.record.key === key &&
      directive === 'COPY' &&
      asked === undefined
    ) {
      throw new S3Error(
        400,
        'InvalidRequest',
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    checkWriteConditions(ctx.req.headers, state.bucket(bucket).objects.get(key));
    const from = source.record;
    const algorithm = asked ?? from.checksum?.algorithm;
    const reuseChecksum =
      from.checksum?.type === 'FULL_OBJECT' && from.checksum.algorithm === algorithm;
    let etag = from.etag;
    let checksum: StoredChecksum | undefined = reuseChecksum ? from.checksum : undefined;
    if (from.partsCount !== undefined || (algorithm !== undefined && !reuseChecksum)) {
      const hashed = await hashToFile(
        readSegments(ctx.layout, source.bucket, from.segments, 0, from.size - 1),
        undefined,
        reuseChecksum ? undefined : algorithm,
      );
      etag = `"${hashed.md5.toString('hex')}"`;
      if (!reuseChecksum && algorithm && hashed.checksum !== undefined)
        checksum = { algorithm, value: hashed.checksum, type: 'FULL_OBJECT' };
    }
    const replaced = directive === 'REPLACE' ? headersFromRequest(ctx.req.headers) : undefined;
    const copy: ObjectRecord = {
      ...(replaced ? replaced.stored : storedHeaders(from)),
      key,
      size: from.size,
      etag,
      lastModified: ctx.now().toISOString(),
      metadata: replaced ? replaced.metadata : { ...from.metadata },
      ...(checksum ? { checksum } : {}),
      // As in S3, a copy gets the ACL the request names, never the source's.
      ...(publicReadRequested(ctx.req.headers) ? { publicRead: true } : {}),
      segments: await duplicateSegments(ctx, source.bucket, from.segments),
    };
    await state.saveObject(bucket, copy);
    return copy;
  });
  sendXml(ctx, 200, 'CopyObjectResult', {
    ETag: record.etag,
    LastModified: xmlDate(record.lastModified),
    ...(record.checksum
      ? {
          ChecksumType: record.checksum.type,
          [`Checksum${record.checksum.algorithm.toUpperCase()}`]: record.checksum.value,
        }
      : {}),
  });
}

/** UploadPartCopy: a part made of (a range of) an existing object's bytes. */
export async function uploadPartCopy(ctx: RequestContext): Promise<void> {
  const uploadId = ctx.query.get('uploadId') ?? '';
  const partNumber = partNumberParam(ctx);
  const upload = ctx.state.upload(ctx.bucket, uploadId, ctx.key).record;
  const source = copySource(ctx);
  const range = parseCopyRange(requestHeader(ctx, 'x-amz-copy-source-range'), source.record.size);
  const start = range?.start ?? 0;
  const end = range?.end ?? source.record.size - 1;
  const tmpPath = ctx.layout.tmpPath();
  const bytes = readSegments(ctx.layout, source.bucket, source.record.segments, start, end);
  const hashed = await hashToFile(bytes, tmpPath, upload.checksumAlgorithm);
  try {
    const checksum =
      upload.checksumAlgorithm && hashed.checksum !== undefined
        ? { algorithm: upload.checksumAlgorithm, value: hashed.checksum }
        : undefined;
    const part = await commitPart(ctx, uploadId, tmpPath, {
      partNumber,
      size: hashed.size,
      etag: `"${hashed.md5.toString('hex')}"`,
      md5: hashed.md5.toString('hex'),
      lastModified: ctx.now().toISOString(),
      ...(checksum ? { checksum } : {}),
    });
    sendXml(ctx, 200, 'CopyPartResult', {
      ETag: part.etag,
      LastModified: xmlDate(part.lastModified),
      ...checksumField(part.checksum),
    });
  } finally {
    await unlinkQuietly(tmpPath);
  }
}
