import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where everything lives under the data directory (README.md draws the tree). Keys never
 * become file names: a key may hold any character and be 1024 bytes long, so its file is
 * named after the SHA-256 of the key and the key itself is kept in the JSON sidecar.
 */
export class DiskLayout {
  constructor(readonly root: string) {}

  get tmpDir(): string {
    return path.join(this.root, 'tmp');
  }
  get bucketsDir(): string {
    return path.join(this.root, 'buckets');
  }
  bucketDir(bucket: string): string {
    return path.join(this.bucketsDir, bucket);
  }
  bucketFile(bucket: string): string {
    return path.join(this.bucketDir(bucket), 'bucket.json');
  }
  objectsDir(bucket: string): string {
    return path.join(this.bucketDir(bucket), 'objects');
  }
  objectFile(bucket: string, key: string): string {
    const name = crypto.createHash('sha256').update(key, 'utf8').digest('hex');
    return path.join(this.objectsDir(bucket), `${name}.json`);
  }
  dataDir(bucket: string): string {
    return path.join(this.bucketDir(bucket), 'data');
  }
  dataFile(bucket: string, file: string): string {
    return path.join(this.dataDir(bucket), file);
  }
  uploadsDir(bucket: string): string {
    return path.join(this.bucketDir(bucket), 'uploads');
  }
  uploadDir(bucket: string, uploadId: string): string {
    return path.join(this.uploadsDir(bucket), uploadId);
  }
  uploadFile(bucket: string, uploadId: string): string {
    return path.join(this.uploadDir(bucket, uploadId), 'upload.json');
  }
  partFile(bucket: string, uploadId: string, partNumber: number): string {
    return path.join(this.uploadDir(bucket, uploadId), `part-${partNumber}.json`);
  }

  /** A fresh path in tmp/ (same filesystem as the rest, so a rename is atomic). */
  tmpPath(): string {
    return path.join(this.tmpDir, crypto.randomUUID());
  }

  /** Writes JSON through a temp file and a rename: a reader sees the old or the new, whole. */
  async writeJson(file: string, value: unknown): Promise<void> {
    const tmp = this.tmpPath();
    await fs.writeFile(tmp, JSON.stringify(value));
    await fs.rename(tmp, file);
  }
}

/** A unique name for a data file, so a new version never overwrites bytes a reader holds. */
export function newDataName(): string {
  return `${crypto.randomUUID()}.bin`;
}

export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch {
    return undefined; // a sidecar torn by a crash is treated as absent
  }
}

export async function unlinkQuietly(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}
