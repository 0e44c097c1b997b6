import fs from 'node:fs/promises';
import path from 'node:path';
import { unlinkQuietly, type DiskLayout } from './disk-layout';
import { noSuchBucket, noSuchUpload } from './s3-error';
import type { BucketRecord, ObjectRecord, PartRecord, UploadRecord } from './store-records';

export interface UploadState {
  record: UploadRecord;
  parts: Map<number, PartRecord>;
}

export interface BucketState {
  record: BucketRecord;
  objects: Map<string, ObjectRecord>;
  uploads: Map<string, UploadState>;
}

/**
 * The store's index, in memory and on disk. Disk is written first (sidecars atomically, by
 * rename) and memory follows, so a restart finds what the last answered request left. Reads
 * use memory; writes to one key or upload are serialised by `withLock`, so conditional
 * writes (If-None-Match, If-Match) are checked and committed without a race.
 */
export class StoreState {
  readonly buckets = new Map<string, BucketState>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(readonly layout: DiskLayout) {}

  bucket(name: string): BucketState {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket();
    return bucket;
  }

  upload(bucketName: string, uploadId: string, key?: string): UploadState {
    const upload = this.bucket(bucketName).uploads.get(uploadId);
    if (!upload || (key !== undefined && upload.record.key !== key)) throw noSuchUpload();
    return upload;
  }

  /** Runs `fn` after every earlier holder of `name` has finished. */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(name) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(name, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(name) === tail) this.locks.delete(name);
    }
  }

  async createBucket(name: string, created: Date, publicRead = false): Promise<boolean> {
    if (this.buckets.has(name)) return false;
    const layout = this.layout;
    for (const dir of [layout.objectsDir(name), layout.dataDir(name), layout.uploadsDir(name)])
      await fs.mkdir(dir, { recursive: true });
    const record: BucketRecord = {
      name,
      created: created.toISOString(),
      ...(publicRead ? { publicRead } : {}),
    };
    await layout.writeJson(layout.bucketFile(name), record);
    this.buckets.set(name, { record, objects: new Map(), uploads: new Map() });
    return true;
  }

  /** Records an object whose segments are already in the bucket's data dir. */
  async saveObject(bucketName: string, record: ObjectRecord): Promise<void> {
    const bucket = this.bucket(bucketName);
    await this.layout.writeJson(this.layout.objectFile(bucketName, record.key), record);
    const previous = bucket.objects.get(record.key);
    bucket.objects.set(record.key, record);
    if (previous) await this.dropSegments(bucketName, previous);
  }

  async deleteObject(bucketName: string, key: string): Promise<void> {
    const bucket = this.bucket(bucketName);
    const previous = bucket.objects.get(key);
    if (!previous) return;
    await unlinkQuietly(this.layout.objectFile(bucketName, key));
    bucket.objects.delete(key);
    await this.dropSegments(bucketName, previous);
  }

  async createUpload(bucketName: string, record: UploadRecord): Promise<void> {
    const bucket = this.bucket(bucketName);
    await fs.mkdir(this.layout.uploadDir(bucketName, record.uploadId), { recursive: true });
    await this.layout.writeJson(this.layout.uploadFile(bucketName, record.uploadId), record);
    bucket.uploads.set(record.uploadId, { record, parts: new Map() });
  }

  /** Records a part whose bytes are already at `part.file` in the upload's folder. */
  async savePart(bucketName: string, uploadId: string, part: PartRecord): Promise<void> {
    const upload = this.upload(bucketName, uploadId);
    const layout = this.layout;
    await layout.writeJson(layout.partFile(bucketName, uploadId, part.partNumber), part);
    const previous = upload.parts.get(part.partNumber);
    upload.parts.set(part.partNumber, part);
    if (previous && previous.file !== part.file)
      await unlinkQuietly(path.join(layout.uploadDir(bucketName, uploadId), previous.file));
  }

  /** Forgets an upload and deletes its folder (parts already moved out stay where they are). */
  async removeUpload(bucketName: string, uploadId: string): Promise<void> {
    this.bucket(bucketName).uploads.delete(uploadId);
    await fs.rm(this.layout.uploadDir(bucketName, uploadId), { recursive: true, force: true });
  }

  private async dropSegments(bucketName: string, record: ObjectRecord): Promise<void> {
    for (const segment of record.segments)
      await unlinkQuietly(this.layout.dataFile(bucketName, segment.file));
  }
}
