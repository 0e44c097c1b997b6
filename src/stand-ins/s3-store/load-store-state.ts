import fs from 'node:fs/promises';
import path from 'node:path';
import { readJson, unlinkQuietly, type DiskLayout } from './disk-layout';
import { StoreState, type BucketState } from './store-state';
import type { BucketRecord, ObjectRecord, PartRecord, UploadRecord } from './store-records';

async function list(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

/** Deletes the files in `dir` no record refers to: bytes left by a crash mid-commit. */
async function sweep(dir: string, keep: Set<string>, pattern: RegExp): Promise<void> {
  for (const name of await list(dir)) {
    if (pattern.test(name) && !keep.has(name)) await unlinkQuietly(path.join(dir, name));
  }
}

async function loadUploads(layout: DiskLayout, bucket: BucketState): Promise<void> {
  const name = bucket.record.name;
  for (const uploadId of await list(layout.uploadsDir(name))) {
    const record = await readJson<UploadRecord>(layout.uploadFile(name, uploadId));
    const dir = layout.uploadDir(name, uploadId);
    if (!record) {
      await fs.rm(dir, { recursive: true, force: true });
      continue;
    }
    const parts = new Map<number, PartRecord>();
    for (const file of await list(dir)) {
      if (!/^part-\d+\.json$/.test(file)) continue;
      const part = await readJson<PartRecord>(path.join(dir, file));
      if (part) parts.set(part.partNumber, part);
    }
    await sweep(dir, new Set([...parts.values()].map((part) => part.file)), /\.bin$/);
    bucket.uploads.set(uploadId, { record, parts });
  }
}

/**
 * Reads the data directory back: buckets, objects and unfinished uploads with their parts.
 * Half-written bodies in tmp/ and data files no sidecar names are deleted.
 */
export async function loadStoreState(layout: DiskLayout): Promise<StoreState> {
  const state = new StoreState(layout);
  await fs.rm(layout.tmpDir, { recursive: true, force: true });
  await fs.mkdir(layout.tmpDir, { recursive: true });
  await fs.mkdir(layout.bucketsDir, { recursive: true });
  for (const name of await list(layout.bucketsDir)) {
    const record = await readJson<BucketRecord>(layout.bucketFile(name));
    if (!record) continue;
    const bucket: BucketState = { record, objects: new Map(), uploads: new Map() };
    const referenced = new Set<string>();
    for (const file of await list(layout.objectsDir(name))) {
      if (!file.endsWith('.json')) continue;
      const object = await readJson<ObjectRecord>(path.join(layout.objectsDir(name), file));
      if (!object) continue;
      bucket.objects.set(object.key, object);
      for (const segment of object.segments) referenced.add(segment.file);
    }
    await sweep(layout.dataDir(name), referenced, /\.bin$/);
    await loadUploads(layout, bucket);
    state.buckets.set(name, bucket);
  }
  return state;
}
