import { sendEmpty, sendXml, xmlDate, type RequestContext } from './request-context';
import { invalidArgument, S3Error } from './s3-error';
import type { XmlFields } from './xml';

/** The one owner of everything in the store, as S3 names it in listings. */
export const OWNER = { ID: 'dailies-local-s3-store', DisplayName: 'dailies' };

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function checkBucketName(name: string): void {
  if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name))
    throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', {
      BucketName: name,
    });
}

/**
 * CreateBucket. Creating a bucket you already own answers 200 in us-east-1 (S3's legacy
 * behaviour there) and 409 BucketAlreadyOwnedByYou in every other region.
 */
export async function createBucket(ctx: RequestContext): Promise<void> {
  checkBucketName(ctx.bucket);
  const acl = ctx.req.headers['x-amz-acl'];
  const publicRead = acl === 'public-read' || acl === 'public-read-write';
  const created = await ctx.state.createBucket(ctx.bucket, ctx.now(), publicRead);
  if (!created && ctx.region !== 'us-east-1') {
    throw new S3Error(
      409,
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      { BucketName: ctx.bucket },
    );
  }
  sendEmpty(ctx, 200, { location: `/${ctx.bucket}` });
}

export function headBucket(ctx: RequestContext): void {
  ctx.state.bucket(ctx.bucket);
  sendEmpty(ctx, 200, { 'x-amz-bucket-region': ctx.region });
}

export function listBuckets(ctx: RequestContext): void {
  const buckets = [...ctx.state.buckets.values()]
    .map((bucket) => bucket.record)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((record) => ({ Name: record.name, CreationDate: xmlDate(record.created) }));
  sendXml(ctx, 200, 'ListAllMyBucketsResult', { Owner: OWNER, Buckets: { Bucket: buckets } });
}

/** Reads `max-keys`-style limits: an integer 0..1000 (larger asks are capped, as S3 does). */
export function maxParam(ctx: RequestContext, name: string): number {
  const raw = ctx.query.get(name);
  if (raw === null) return 1000;
  if (!/^\d+$/.test(raw))
    throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, raw);
  return Math.min(Number(raw), 1000);
}

/** With `encoding-type=url`, names go out URL-encoded (slashes kept), as S3 does. */
export function encoder(ctx: RequestContext): (text: string) => string {
  if (ctx.query.get('encoding-type') !== 'url') return (text) => text;
  return (text) => text.split('/').map(encodeURIComponent).join('/');
}

export function listObjectsV2(ctx: RequestContext): void {
  const bucket = ctx.state.bucket(ctx.bucket);
  const prefix = ctx.query.get('prefix') ?? '';
  const delimiter = ctx.query.get('delimiter') ?? '';
  const maxKeys = maxParam(ctx, 'max-keys');
  const token = ctx.query.get('continuation-token');
  const startAfter = ctx.query.get('start-after') ?? '';
  let marker = startAfter;
  if (token !== null) {
    marker = Buffer.from(token, 'base64url').toString('utf8');
    if (token === '' || Buffer.from(marker, 'utf8').toString('base64url') !== token)
      throw invalidArgument(
        'The continuation token provided is incorrect',
        'continuation-token',
        token,
      );
  }
  const keys = [...bucket.objects.keys()]
    .filter((key) => key.startsWith(prefix) && key > marker)
    .sort();
  const contents: XmlFields[] = [];
  const prefixes: string[] = [];
  let last = '';
  let truncated = false;
  const encode = encoder(ctx);
  for (const key of keys) {
    const at = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
    const common = at === -1 ? undefined : key.slice(0, at + delimiter.length);
    if (common !== undefined && (common <= marker || common === prefixes.at(-1))) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      last = common;
    } else {
      const record = bucket.objects.get(key)!;
      contents.push({
        Key: encode(key),
        LastModified: xmlDate(record.lastModified),
        ETag: record.etag,
        ...(record.checksum ? { ChecksumAlgorithm: record.checksum.algorithm.toUpperCase() } : {}),
        Size: record.size,
        StorageClass: 'STANDARD',
      });
      last = key;
    }
  }
  sendXml(ctx, 200, 'ListBucketResult', {
    Name: ctx.bucket,
    Prefix: encode(prefix),
    ...(delimiter !== '' ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: maxKeys,
    ...(ctx.query.get('encoding-type') === 'url' ? { EncodingType: 'url' } : {}),
    KeyCount: contents.length + prefixes.length,
    IsTruncated: truncated,
    ...(token !== null ? { ContinuationToken: token } : {}),
    ...(truncated
      ? { NextContinuationToken: Buffer.from(last, 'utf8').toString('base64url') }
      : {}),
    ...(startAfter !== '' ? { StartAfter: encode(startAfter) } : {}),
    Contents: contents,
    CommonPrefixes: prefixes.map((common) => ({ Prefix: encode(common) })),
  });
}
