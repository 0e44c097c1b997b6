import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import {
  bytesOf,
  md5Etag,
  outcome,
  runConformance,
  type ConformanceCase,
} from './s3-conformance-kit';

/** Objects, listings, ranges, conditional writes and copies: the same answers from both. */

async function text(client: S3Client, Bucket: string, Key: string): Promise<string> {
  const got = await client.send(new GetObjectCommand({ Bucket, Key }));
  return got.Body!.transformToString();
}

const cases: ConformanceCase[] = [
  {
    name: 'PutObject then GetObject: md5 ETag, metadata, content type, any characters in the key',
    async run(s3, client) {
      const body = bytesOf('put-get', 1000);
      const Key = 'objects/a b/é+%?#&=~!*.bin';
      const put = await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key,
          Body: body,
          ContentType: 'video/quicktime',
          Metadata: { sha256: 'abc', title: 'S%C3%A9ance' },
        }),
      );
      expect(put.ETag).toBe(md5Etag(body));
      const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
      const bytes = Buffer.from(await got.Body!.transformToByteArray());
      expect(bytes.equals(body)).toBe(true);
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key }));
      return {
        etag: put.ETag,
        get: [got.ETag, got.ContentType, got.ContentLength, got.Metadata],
        head: [head.ETag, head.ContentType, head.ContentLength, head.Metadata],
      };
    },
  },
  {
    name: 'a missing key, a missing bucket: NoSuchKey, HEAD 404, NoSuchBucket',
    async run(s3, client) {
      return {
        get: await outcome(client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'nope' }))),
        head: await outcome(client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'nope' }))),
        bucket: await outcome(
          client.send(new GetObjectCommand({ Bucket: 'no-such-bucket-x', Key: 'k' })),
        ),
        headBucket: await outcome(
          client.send(new HeadBucketCommand({ Bucket: 'no-such-bucket-x' })),
        ),
        list: await outcome(client.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-x' }))),
        ownBucket: await outcome(client.send(new HeadBucketCommand({ Bucket: s3.bucket }))),
      };
    },
  },
  {
    name: 'CreateBucket: a new bucket, then one it already owns (us-east-1)',
    async run(_s3, client) {
      return [
        await outcome(client.send(new CreateBucketCommand({ Bucket: 'second-bucket' }))),
        await outcome(client.send(new CreateBucketCommand({ Bucket: 'second-bucket' }))),
      ];
    },
  },
  {
    name: 'GetObject ranges: 206 with Content-Range, suffix, open end, 416 InvalidRange',
    async run(s3, client) {
      const Key = 'ranges/ten.txt';
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: '0123456789' }));
      const range = async (Range: string) =>
        outcome(
          client.send(new GetObjectCommand({ Bucket: s3.bucket, Key, Range })),
          async (got) => [
            got.$metadata.httpStatusCode,
            got.ContentRange,
            got.ContentLength,
            await got.Body!.transformToString(),
          ],
        );
      const results = [];
      for (const r of [
        'bytes=2-5',
        'bytes=-3',
        'bytes=7-',
        'bytes=8-100',
        'bytes=10-',
        'bytes=100-200',
      ])
        results.push(
          await (range(r) as Promise<unknown>).then((v) => (v instanceof Promise ? v : v)),
        );
      const resolved = await Promise.all(results);
      expect(resolved[0]).toEqual([206, 'bytes 2-5/10', 4, '2345']);
      expect(resolved[4]).toEqual({ error: 'InvalidRange', status: 416 });
      return resolved;
    },
  },
  {
    name: 'DeleteObject: 204, then NoSuchKey; deleting a missing key is 204 too',
    async run(s3, client) {
      const Key = 'delete/me';
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: 'x' }));
      const status = (answer: { $metadata: { httpStatusCode?: number } }) =>
        answer.$metadata.httpStatusCode;
      return [
        await outcome(client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key })), status),
        await outcome(client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }))),
        await outcome(client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key })), status),
      ];
    },
  },
  {
    name: 'ListObjectsV2: prefix, delimiter, max-keys pages through continuation tokens',
    async run(s3, client) {
      const keys = [
        'list/a.txt',
        'list/b/1.txt',
        'list/b/2.txt',
        'list/c.txt',
        'list/d/x',
        'list/e',
        'other/z',
      ];
      for (const Key of keys)
        await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: Key }));
      const page = (answer: Awaited<ReturnType<S3Client['send']>> & Record<string, unknown>) =>
        answer;
      void page;
      const delimited = await client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'list/', Delimiter: '/' }),
      );
      const pages: unknown[] = [];
      let token: string | undefined;
      do {
        const answer = await client.send(
          new ListObjectsV2Command({
            Bucket: s3.bucket,
            Prefix: 'list/',
            Delimiter: '/',
            MaxKeys: 2,
            ContinuationToken: token,
          }),
        );
        pages.push([
          answer.KeyCount,
          answer.IsTruncated,
          answer.Contents?.map((o) => o.Key),
          answer.CommonPrefixes?.map((p) => p.Prefix),
        ]);
        token = answer.NextContinuationToken;
      } while (token);
      const flat = await client.send(
        new ListObjectsV2Command({
          Bucket: s3.bucket,
          Prefix: 'list/',
          StartAfter: 'list/b/1.txt',
        }),
      );
      expect(delimited.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/b/', 'list/d/']);
      return {
        delimited: [
          delimited.KeyCount,
          delimited.Contents?.map((o) => [o.Key, o.Size, o.ETag, o.StorageClass]),
          delimited.CommonPrefixes?.map((p) => p.Prefix),
        ],
        pages,
        startAfter: flat.Contents?.map((o) => o.Key),
      };
    },
  },
  {
    name: 'conditional PutObject: If-None-Match * and If-Match',
    async run(s3, client) {
      const Key = 'conditional/put';
      const put = (extra: { IfNoneMatch?: string; IfMatch?: string }, Body = 'v1') =>
        outcome(
          client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body, ...extra })),
          (a) => a.ETag,
        );
      const first = await put({ IfNoneMatch: '*' });
      const again = await put({ IfNoneMatch: '*' }, 'v2');
      const wrong = await put({ IfMatch: '"0123456789abcdef0123456789abcdef"' }, 'v3');
      const right = await put({ IfMatch: first as string }, 'v4');
      const missing = await outcome(
        client.send(
          new PutObjectCommand({
            Bucket: s3.bucket,
            Key: 'conditional/none',
            Body: 'x',
            IfMatch: '"abc"',
          }),
        ),
      );
      expect(again).toEqual({ error: 'PreconditionFailed', status: 412 });
      return { first, again, wrong, right, missing, body: await text(client, s3.bucket, Key) };
    },
  },
  {
    name: 'conditional GetObject/HeadObject: If-Match 412, If-None-Match 304',
    async run(s3, client) {
      const Key = 'conditional/get';
      const { ETag } = await client.send(
        new PutObjectCommand({ Bucket: s3.bucket, Key, Body: 'x' }),
      );
      const other = '"0123456789abcdef0123456789abcdef"';
      const get = (extra: object) =>
        outcome(
          client.send(new GetObjectCommand({ Bucket: s3.bucket, Key, ...extra })),
          (a) => a.$metadata.httpStatusCode,
        );
      const head = (extra: object) =>
        outcome(
          client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key, ...extra })),
          (a) => a.$metadata.httpStatusCode,
        );
      return {
        getMatch: await get({ IfMatch: ETag }),
        getOther: await get({ IfMatch: other }),
        getNoneMatch: await get({ IfNoneMatch: ETag }),
        headMatch: await head({ IfMatch: ETag }),
        headOther: await head({ IfMatch: other }),
        headNoneMatch: await head({ IfNoneMatch: ETag }),
      };
    },
  },
  {
    name: 'CopyObject REPLACE onto itself rewrites metadata and type, keeps bytes and ETag',
    async run(s3, client) {
      const Key = 'copy/self.mov';
      const body = bytesOf('copy-self', 2048);
      const put = await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key,
          Body: body,
          ContentType: 'video/mp4',
          Metadata: { title: 'old', keep: 'no' },
        }),
      );
      const copied = await client.send(
        new CopyObjectCommand({
          Bucket: s3.bucket,
          Key,
          CopySource: `${s3.bucket}/${Key}`,
          CopySourceIfMatch: put.ETag,
          MetadataDirective: 'REPLACE',
          ContentType: 'video/quicktime',
          Metadata: { title: 'new' },
        }),
      );
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key }));
      const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
      expect(head.Metadata).toEqual({ title: 'new' });
      return {
        etag: copied.CopyObjectResult?.ETag,
        head: [head.ETag, head.ContentType, head.Metadata, head.ContentLength],
      };
    },
  },
  {
    // moto ignores CopySourceIfMatch: s3-store-documented.test.ts checks the store's 412.
    name: 'CopyObject onto itself without REPLACE is refused; a missing source is NoSuchKey',
    async run(s3, client) {
      const Key = 'copy/refused';
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: 'x' }));
      return {
        self: await outcome(
          client.send(
            new CopyObjectCommand({ Bucket: s3.bucket, Key, CopySource: `${s3.bucket}/${Key}` }),
          ),
        ),
        missing: await outcome(
          client.send(
            new CopyObjectCommand({
              Bucket: s3.bucket,
              Key: 'copy/to',
              CopySource: `${s3.bucket}/copy/none`,
            }),
          ),
        ),
      };
    },
  },
  {
    // moto ignores If-None-Match on CopyObject: s3-store-documented.test.ts checks the store.
    name: 'CopyObject COPY to another key keeps metadata and type',
    async run(s3, client) {
      const source = 'copy/source é.bin';
      await client.send(
        new PutObjectCommand({
          Bucket: s3.bucket,
          Key: source,
          Body: 'payload',
          ContentType: 'text/x-test',
          Metadata: { a: '1' },
        }),
      );
      const CopySource = `${s3.bucket}/${source.split('/').map(encodeURIComponent).join('/')}`;
      const copied = await client.send(
        new CopyObjectCommand({ Bucket: s3.bucket, Key: 'copy/target', CopySource }),
      );
      const head = await client.send(
        new HeadObjectCommand({ Bucket: s3.bucket, Key: 'copy/target' }),
      );
      return {
        etag: copied.CopyObjectResult?.ETag,
        head: [head.ETag, head.ContentType, head.Metadata],
        body: await text(client, s3.bucket, 'copy/target'),
      };
    },
  },
];

runConformance('S3 objects', cases);
