import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { maxParam, OWNER } from './bucket-handlers';
import { newDataName, unlinkQuietly } from './disk-layout';
import { headersFromRequest, publicReadRequested } from './object-headers';
import { checkKey } from './object-handlers';
import { receiveBody } from './receive-body';
import { requestHeader, sendEmpty, sendXml, xmlDate, type RequestContext } from './request-context';
import { invalidArgument, S3Error } from './s3-error';
import type { ChecksumAlgorithm } from './s3-checksums';
import type { PartRecord, UploadRecord } from './store-records';

const MAX_PART_BYTES = 5 * 1024 ** 3;
const ALGORITHMS: ChecksumAlgorithm[] = ['crc32', 'crc32c', 'sha1', 'sha256'];

/** The lock name for changes to one upload's parts (see StoreState.withLock). */
export function uploadLock(uploadId: string): string {
  return `upload\n${uploadId}`;
}

export function partNumberParam(ctx: RequestContext): number {
  const raw = ctx.query.get('partNumber') ?? '';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 10_000)
    throw invalidArgument(
      'Part number must be an integer between 1 and 10000, inclusive',
      'partNumber',
      raw,
    );
  return value;
}

/** The checksum S3 echoes for a part: `x-amz-checksum-<algorithm>`. */
export function checksumField(checksum: PartRecord['checksum']): Record<string, string> {
  if (!checksum) return {};
  return { [`Checksum${checksum.algorithm.toUpperCase()}`]: checksum.value };
}

export async function createMultipartUpload(ctx: RequestContext): Promise<void> {
  ctx.state.bucket(ctx.bucket);
  checkKey(ctx.key);
  const requested = requestHeader(ctx, 'x-amz-checksum-algorithm')?.toLowerCase();
  if (requested !== undefined && !ALGORITHMS.includes(requested as ChecksumAlgorithm))
    throw new S3Error(
      400,
      'InvalidRequest',
      `Checksum algorithm ${requested} is not supported by this store.`,
    );
  const type = requestHeader(ctx, 'x-amz-checksum-type');
  if (type !== undefined && type !== 'COMPOSITE')
    throw new S3Error(
      501,
      'NotImplemented',
      'Only COMPOSITE multipart checksums are implemented by this store.',
      { Header: 'x-amz-checksum-type' },
    );
  const { stored, metadata } = headersFromRequest(ctx.req.headers);
  const record: UploadRecord = {
    ...stored,
    uploadId: crypto.randomBytes(32).toString('base64url'),
    key: ctx.key,
    initiated: ctx.now().toISOString(),
    metadata,
    ...(requested !== undefined ? { checksumAlgorithm: requested as ChecksumAlgorithm } : {}),
    ...(publicReadRequested(ctx.req.headers) ? { publicRead: true } : {}),
  };
  await ctx.state.createUpload(ctx.bucket, record);
  const headers: Record<string, string> = {};
  if (record.checksumAlgorithm) {
    headers['x-amz-checksum-algorithm'] = record.checksumAlgorithm.toUpperCase();
    headers['x-amz-checksum-type'] = 'COMPOSITE';
  }
  sendXml(
    ctx,
    200,
    'InitiateMultipartUploadResult',
    { Bucket: ctx.bucket, Key: ctx.key, UploadId: record.uploadId },
    headers,
  );
}

function checkPartChecksum(upload: UploadRecord, declared: ChecksumAlgorithm | undefined): void {
  if (declared === undefined || upload.checksumAlgorithm === undefined) return;
  if (declared !== upload.checksumAlgorithm) {
    throw new S3Error(
      400,
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm}, actual checksum Type: ${declared}`,
    );
  }
}

/** Moves a finished part file into the upload's folder and records it. */
export async function commitPart(
  ctx: RequestContext,
  uploadId: string,
  tmpPath: string,
  part: Omit<PartRecord, 'file'>,
): Promise<PartRecord> {
  const { state, layout, bucket, key } = ctx;
  return state.withLock(uploadLock(uploadId), async () => {
    state.upload(bucket, uploadId, key); // aborted or completed while the body came in
    const file = newDataName();
    await fs.rename(tmpPath, path.join(layout.uploadDir(bucket, uploadId), file));
    const record: PartRecord = { ...part, file };
    await state.savePart(bucket, uploadId, record);
    return record;
  });
}

export async function uploadPart(ctx: RequestContext): Promise<void> {
  const uploadId = ctx.query.get('uploadId') ?? '';
  const partNumber = partNumberParam(ctx);
  const upload = ctx.state.upload(ctx.bucket, uploadId, ctx.key).record;
  const named = ALGORITHMS.find(
    (algorithm) => requestHeader(ctx, `x-amz-checksum-${algorithm}`) !== undefined,
  );
  checkPartChecksum(upload, named);
  if (Number(requestHeader(ctx, 'content-length') ?? 0) > MAX_PART_BYTES)
    throw new S3Error(
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
    );
  const body = await receiveBody(ctx.req, ctx.layout.tmpPath(), upload.checksumAlgorithm);
  try {
    checkPartChecksum(upload, body.declared?.algorithm);
    const checksum =
      body.declared ??
      (upload.checksumAlgorithm && body.computed !== undefined
        ? { algorithm: upload.checksumAlgorithm, value: body.computed }
        : undefined);
    const part = await commitPart(ctx, uploadId, body.tmpPath, {
      partNumber,
      size: body.size,
      etag: `"${body.md5.toString('hex')}"`,
      md5: body.md5.toString('hex'),
      lastModified: ctx.now().toISOString(),
      ...(checksum ? { checksum } : {}),
    });
    const echoed = part.checksum
      ? { [`x-amz-checksum-${part.checksum.algorithm}`]: part.checksum.value }
      : {};
    sendEmpty(ctx, 200, { etag: part.etag, ...echoed });
  } finally {
    await unlinkQuietly(body.tmpPath);
  }
}

export function listParts(ctx: RequestContext): void {
  const uploadId = ctx.query.get('uploadId') ?? '';
  const upload = ctx.state.upload(ctx.bucket, uploadId, ctx.key);
  const maxParts = maxParam(ctx, 'max-parts');
  const markerRaw = ctx.query.get('part-number-marker') ?? '0';
  if (!/^\d+$/.test(markerRaw))
    throw invalidArgument(
      'Provided part-number-marker not an integer or within integer range',
      'part-number-marker',
      markerRaw,
    );
  const marker = Number(markerRaw);
  const all = [...upload.parts.values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const parts = all.slice(0, maxParts);
  const truncated = all.length > parts.length;
  const algorithm = upload.record.checksumAlgorithm;
  sendXml(ctx, 200, 'ListPartsResult', {
    Bucket: ctx.bucket,
    Key: ctx.key,
    UploadId: uploadId,
    PartNumberMarker: marker,
    NextPartNumberMarker: parts.at(-1)?.partNumber ?? marker,
    MaxParts: maxParts,
    IsTruncated: truncated,
    Part: parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: xmlDate(part.lastModified),
      ETag: part.etag,
      Size: part.size,
      ...checksumField(part.checksum),
    })),
    Initiator: OWNER,
    Owner: OWNER,
    StorageClass: 'STANDARD',
    ...(algorithm ? { ChecksumAlgorithm: algorithm.toUpperCase(), ChecksumType: 'COMPOSITE' } : {}),
  });
}

export async function abortMultipartUpload(ctx: RequestContext): Promise<void> {
  const uploadId = ctx.query.get('uploadId') ?? '';
  ctx.state.upload(ctx.bucket, uploadId, ctx.key);
  await ctx.state.withLock(uploadLock(uploadId), async () => {
    ctx.state.upload(ctx.bucket, uploadId, ctx.key);
    await ctx.state.removeUpload(ctx.bucket, uploadId);
  });
  sendEmpty(ctx, 204);
}

export function listMultipartUploads(ctx: RequestContext): void {
  const bucket = ctx.state.bucket(ctx.bucket);
  const prefix = ctx.query.get('prefix') ?? '';
  const keyMarker = ctx.query.get('key-marker') ?? '';
  const idMarker = ctx.query.get('upload-id-marker') ?? '';
  const maxUploads = maxParam(ctx, 'max-uploads');
  const sorted = [...bucket.uploads.values()]
    .map((upload) => upload.record)
    .filter((record) => record.key.startsWith(prefix))
    .sort((a, b) =>
      a.key < b.key
        ? -1
        : a.key > b.key
          ? 1
          : a.initiated < b.initiated
            ? -1
            : a.initiated > b.initiated
              ? 1
              : a.uploadId < b.uploadId
                ? -1
                : 1,
    );
  let from = 0;
  if (keyMarker !== '') {
    const at =
      idMarker === ''
        ? -1
        : sorted.findIndex((r) => r.key === keyMarker && r.uploadId === idMarker);
    from = at !== -1 ? at + 1 : sorted.findIndex((r) => r.key > keyMarker);
    if (from === -1) from = sorted.length;
  }
  const page = sorted.slice(from, from + maxUploads);
  const truncated = from + page.length < sorted.length;
  const last = page.at(-1);
  sendXml(ctx, 200, 'ListMultipartUploadsResult', {
    Bucket: ctx.bucket,
    KeyMarker: keyMarker,
    UploadIdMarker: idMarker,
    NextKeyMarker: truncated && last ? last.key : '',
    NextUploadIdMarker: truncated && last ? last.uploadId : '',
    ...(prefix !== '' ? { Prefix: prefix } : {}),
    MaxUploads: maxUploads,
    IsTruncated: truncated,
    Upload: page.map((record) => ({
      Key: record.key,
      UploadId: record.uploadId,
      Initiator: OWNER,
      Owner: OWNER,
      StorageClass: 'STANDARD',
      Initiated: xmlDate(record.initiated),
      ...(record.checksumAlgorithm
        ? { ChecksumAlgorithm: record.checksumAlgorithm.toUpperCase(), ChecksumType: 'COMPOSITE' }
        : {}),
    })),
  });
}
