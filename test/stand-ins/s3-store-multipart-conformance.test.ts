import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import {
  bytesOf,
  md5Etag,
  MiB,
  multipartEtag,
  outcome,
  runConformance,
  sha256,
  type ConformanceCase,
} from './s3-conformance-kit';

/** The multipart API, UploadPartCopy included: the same answers from both. */

async function upload(
  client: S3Client,
  Bucket: string,
  Key: string,
  parts: Buffer[],
): Promise<{ uploadId: string; sent: CompletedPart[] }> {
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
  const uploadId = created.UploadId!;
  const sent: CompletedPart[] = [];
  for (const [index, Body] of parts.entries()) {
    const answer = await client.send(
      new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber: index + 1, Body }),
    );
    sent.push({ PartNumber: index + 1, ETag: answer.ETag! });
  }
  return { uploadId, sent };
}

async function bodySha(client: S3Client, Bucket: string, Key: string): Promise<string> {
  const got = await client.send(new GetObjectCommand({ Bucket, Key }));
  return sha256(await got.Body!.transformToByteArray());
}

const cases: ConformanceCase[] = [
  {
    name: 'a whole multipart upload: part ETags, ListParts, the "-N" ETag, the bytes',
    async run(s3, client) {
      const Key = 'multipart/whole.bin';
      const parts = [bytesOf('whole-1', 5 * MiB), bytesOf('whole-2', 1000)];
      const { uploadId, sent } = await upload(client, s3.bucket, Key, parts);
      expect(sent.map((part) => part.ETag)).toEqual(parts.map(md5Etag));
      const listed = await client.send(
        new ListPartsCommand({ Bucket: s3.bucket, Key, UploadId: uploadId }),
      );
      const done = await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key,
          UploadId: uploadId,
          MultipartUpload: { Parts: sent },
        }),
      );
      expect(done.ETag).toBe(multipartEtag(parts));
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key }));
      return {
        listed: listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size]),
        truncated: listed.IsTruncated,
        etag: done.ETag,
        head: [head.ETag, head.ContentLength],
        sha: (await bodySha(client, s3.bucket, Key)) === sha256(Buffer.concat(parts)),
        afterComplete: await outcome(
          client.send(new ListPartsCommand({ Bucket: s3.bucket, Key, UploadId: uploadId })),
        ),
      };
    },
  },
  {
    name: 'ListParts pages with MaxParts and PartNumberMarker',
    async run(s3, client) {
      const Key = 'multipart/pages.bin';
      const { uploadId } = await upload(client, s3.bucket, Key, [
        bytesOf('p1', 10),
        bytesOf('p2', 20),
        bytesOf('p3', 30),
      ]);
      const pages: unknown[] = [];
      let marker: string | undefined;
      for (;;) {
        const page = await client.send(
          new ListPartsCommand({
            Bucket: s3.bucket,
            Key,
            UploadId: uploadId,
            MaxParts: 2,
            PartNumberMarker: marker,
          }),
        );
        pages.push([page.Parts?.map((p) => p.PartNumber), page.IsTruncated, page.MaxParts]);
        if (!page.IsTruncated) break;
        marker = page.NextPartNumberMarker;
      }
      await client.send(
        new AbortMultipartUploadCommand({ Bucket: s3.bucket, Key, UploadId: uploadId }),
      );
      return pages;
    },
  },
  {
    // moto completes parts listed out of order: s3-store-documented.test.ts checks InvalidPartOrder.
    name: 'CompleteMultipartUpload refuses EntityTooSmall and InvalidPart',
    async run(s3, client) {
      const Key = 'multipart/refused.bin';
      const { uploadId, sent } = await upload(client, s3.bucket, Key, [
        bytesOf('small-1', 1000),
        bytesOf('small-2', 1000),
      ]);
      const complete = (Parts: CompletedPart[]) =>
        outcome(
          client.send(
            new CompleteMultipartUploadCommand({
              Bucket: s3.bucket,
              Key,
              UploadId: uploadId,
              MultipartUpload: { Parts },
            }),
          ),
        );
      const result = {
        tooSmall: await complete(sent),
        wrongEtag: await complete([{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }]),
        unknownPart: await complete([{ PartNumber: 7, ETag: sent[0]!.ETag }]),
      };
      expect(result.tooSmall).toEqual({ error: 'EntityTooSmall', status: 400 });
      return result;
    },
  },
  {
    name: 'ListMultipartUploads with a prefix; Abort removes an upload',
    async run(s3, client) {
      const create = async (Key: string) =>
        (await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key }))).UploadId!;
      const first = await create('pending/a.bin');
      await create('pending/b.bin');
      await create('elsewhere/c.bin');
      const listed = await client.send(
        new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: 'pending/' }),
      );
      await client.send(
        new AbortMultipartUploadCommand({
          Bucket: s3.bucket,
          Key: 'pending/a.bin',
          UploadId: first,
        }),
      );
      const after = await client.send(
        new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: 'pending/' }),
      );
      return {
        listed: listed.Uploads?.map((u) => [u.Key, u.Initiated instanceof Date]),
        after: after.Uploads?.map((u) => u.Key),
        truncated: listed.IsTruncated,
      };
    },
  },
  {
    name: 'CompleteMultipartUpload with If-None-Match * over an existing key is 412',
    async run(s3, client) {
      const Key = 'multipart/exists.bin';
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: 'there' }));
      const { uploadId, sent } = await upload(client, s3.bucket, Key, [bytesOf('one', 100)]);
      return outcome(
        client.send(
          new CompleteMultipartUploadCommand({
            Bucket: s3.bucket,
            Key,
            UploadId: uploadId,
            MultipartUpload: { Parts: sent },
            IfNoneMatch: '*',
          }),
        ),
      );
    },
  },
  {
    name: 'UploadPartCopy with x-amz-copy-source-range rebuilds an object part by part',
    async run(s3, client) {
      const source = bytesOf('copy-source', 11 * MiB + 5);
      const Key = 'multipart/copy-source.bin';
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: source }));
      const created = await client.send(
        new CreateMultipartUploadCommand({
          Bucket: s3.bucket,
          Key,
          Metadata: { rewritten: 'yes' },
          ContentType: 'video/mp4',
        }),
      );
      const bounds = [
        [0, 5 * MiB - 1],
        [5 * MiB, 10 * MiB - 1],
        [10 * MiB, source.length - 1],
      ] as const;
      const parts: CompletedPart[] = [];
      for (const [index, [start, end]] of bounds.entries()) {
        const copied = await client.send(
          new UploadPartCopyCommand({
            Bucket: s3.bucket,
            Key,
            UploadId: created.UploadId,
            PartNumber: index + 1,
            CopySource: `${s3.bucket}/${Key}`,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
        );
        parts.push({ PartNumber: index + 1, ETag: copied.CopyPartResult!.ETag! });
      }
      const done = await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key,
          UploadId: created.UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      const slices = bounds.map(([start, end]) => source.subarray(start, end + 1));
      expect(done.ETag).toBe(multipartEtag(slices));
      const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key }));
      return {
        parts: parts.map((p) => p.ETag),
        etag: done.ETag,
        head: [head.ContentLength, head.ContentType, head.Metadata],
        same: (await bodySha(client, s3.bucket, Key)) === sha256(source),
      };
    },
  },
  {
    name: 'CopyObject of a multipart object',
    async run(s3, client) {
      const Key = 'multipart/copied-from.bin';
      const parts = [bytesOf('mc-1', 5 * MiB), bytesOf('mc-2', 10)];
      const { uploadId, sent } = await upload(client, s3.bucket, Key, parts);
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: s3.bucket,
          Key,
          UploadId: uploadId,
          MultipartUpload: { Parts: sent },
        }),
      );
      const copied = await client.send(
        new CopyObjectCommand({
          Bucket: s3.bucket,
          Key: 'multipart/copied-to.bin',
          CopySource: `${s3.bucket}/${Key}`,
        }),
      );
      return {
        etag: copied.CopyObjectResult?.ETag,
        same:
          (await bodySha(client, s3.bucket, 'multipart/copied-to.bin')) ===
          sha256(Buffer.concat(parts)),
      };
    },
  },
];

runConformance('S3 multipart uploads', cases);
