import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkWriteConditions } from './conditions';
import { newDataName } from './disk-layout';
import { storedHeaders } from './object-headers';
import { objectLock } from './object-handlers';
import { uploadLock } from './multipart-handlers';
import { sendXml, type RequestContext } from './request-context';
import { S3Error } from './s3-error';
import { digesterFor } from './s3-checksums';
import type { DataSegment, ObjectRecord, PartRecord, StoredChecksum } from './store-records';
import { xmlTexts } from './xml';

/** S3's minimum size of every part but the last. */
const MIN_PART_BYTES = 5 * 1024 * 1024;
/** The request lists at most 10,000 parts; anything much larger is not a real request. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

interface RequestedPart {
  partNumber: number;
  etag: string;
  checksums: Record<string, string>;
}

const malformedXml = (): S3Error =>
  new S3Error(
    400,
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );

async function readSmallBody(ctx: RequestContext): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw malformedXml();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseParts(xml: string): RequestedPart[] {
  const parts = xmlTexts(xml, 'Part').map((inner) => {
    const number = xmlTexts(inner, 'PartNumber')[0] ?? '';
    const checksums: Record<string, string> = {};
    for (const algorithm of ['crc32', 'crc32c', 'sha1', 'sha256']) {
      const value = xmlTexts(inner, `Checksum${algorithm.toUpperCase()}`)[0];
      if (value !== undefined) checksums[algorithm] = value;
    }
    if (!/^\d+$/.test(number)) throw malformedXml();
    return { partNumber: Number(number), etag: xmlTexts(inner, 'ETag')[0] ?? '', checksums };
  });
  if (parts.length === 0) throw malformedXml();
  return parts;
}

const bare = (etag: string): string => etag.replace(/^"|"$/g, '');

/** S3's checks on the listed parts, in its order: ascending, present with that ETag, 5 MiB. */
function checkParts(
  requested: RequestedPart[],
  stored: Map<number, PartRecord>,
  uploadId: string,
): PartRecord[] {
  const chosen: PartRecord[] = [];
  requested.forEach((asked, index) => {
    if (index > 0 && asked.partNumber <= requested[index - 1]!.partNumber) {
      throw new S3Error(
        400,
        'InvalidPartOrder',
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
        { UploadId: uploadId },
      );
    }
    const part = stored.get(asked.partNumber);
    const checksumDiffers = Object.entries(asked.checksums).some(
      ([algorithm, value]) =>
        part?.checksum?.algorithm === algorithm && part.checksum.value !== value,
    );
    if (!part || bare(part.etag) !== bare(asked.etag) || checksumDiffers) {
      throw new S3Error(
        400,
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
        { UploadId: uploadId, PartNumber: String(asked.partNumber), ETag: asked.etag },
      );
    }
    chosen.push(part);
  });
  chosen.slice(0, -1).forEach((part) => {
    if (part.size < MIN_PART_BYTES) {
      throw new S3Error(
        400,
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size',
        {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(MIN_PART_BYTES),
          PartNumber: String(part.partNumber),
          ETag: part.etag,
        },
      );
    }
  });
  return chosen;
}

/** `"<md5 of the concatenated binary part md5s>-N"`, S3's multipart ETag. */
function multipartEtag(parts: PartRecord[]): string {
  const md5 = crypto.createHash('md5');
  for (const part of parts) md5.update(Buffer.from(part.md5, 'hex'));
  return `"${md5.digest('hex')}-${parts.length}"`;
}

/** The composite checksum: the algorithm over the concatenated binary part checksums, `-N`. */
function compositeChecksum(
  parts: PartRecord[],
  algorithm: StoredChecksum['algorithm'] | undefined,
): StoredChecksum | undefined {
  if (algorithm === undefined || parts.some((part) => part.checksum?.algorithm !== algorithm))
    return undefined;
  const digester = digesterFor(algorithm);
  if (!digester) return undefined;
  for (const part of parts) digester.update(Buffer.from(part.checksum!.value, 'base64'));
  return { algorithm, value: `${digester.result()}-${parts.length}`, type: 'COMPOSITE' };
}

export async function completeMultipartUpload(ctx: RequestContext): Promise<void> {
  const { state, layout, bucket, key } = ctx;
  const uploadId = ctx.query.get('uploadId') ?? '';
  state.upload(bucket, uploadId, key);
  const requested = parseParts(await readSmallBody(ctx));
  const record = await state.withLock(objectLock(bucket, key), () =>
    state.withLock(uploadLock(uploadId), async () => {
      const upload = state.upload(bucket, uploadId, key);
      checkWriteConditions(ctx.req.headers, state.bucket(bucket).objects.get(key));
      const parts = checkParts(requested, upload.parts, uploadId);
      const segments: DataSegment[] = [];
      for (const part of parts) {
        const file = newDataName();
        await fs.rename(
          path.join(layout.uploadDir(bucket, uploadId), part.file),
          layout.dataFile(bucket, file),
        );
        segments.push({ file, size: part.size });
      }
      const checksum = compositeChecksum(parts, upload.record.checksumAlgorithm);
      const object: ObjectRecord = {
        ...storedHeaders(upload.record),
        key,
        size: segments.reduce((sum, segment) => sum + segment.size, 0),
        etag: multipartEtag(parts),
        lastModified: ctx.now().toISOString(),
        metadata: upload.record.metadata,
        ...(checksum ? { checksum } : {}),
        partsCount: parts.length,
        ...(upload.record.publicRead ? { publicRead: true } : {}),
        segments,
      };
      await state.saveObject(bucket, object);
      await state.removeUpload(bucket, uploadId);
      return object;
    }),
  );
  const host = ctx.req.headers.host ?? '127.0.0.1';
  const location = `http://${host}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  const checksumFields = record.checksum
    ? {
        [`Checksum${record.checksum.algorithm.toUpperCase()}`]: record.checksum.value,
        ChecksumType: 'COMPOSITE',
      }
    : {};
  sendXml(ctx, 200, 'CompleteMultipartUploadResult', {
    Location: location,
    Bucket: bucket,
    Key: key,
    ETag: record.etag,
    ...checksumFields,
  });
}
