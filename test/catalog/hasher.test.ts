import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HASH_CHUNK_BYTES, hashFile } from '../../src/engine/ingest/hasher';
import { tempDir } from '../helpers/temp-dir';

/** A file of a few chunks, so something can happen to it between two reads. */
function threeChunkFile(name: string): string {
  const file = path.join(tempDir('dailies-hash-'), name);
  fs.writeFileSync(file, Buffer.alloc(3 * HASH_CHUNK_BYTES, 7));
  return file;
}

describe('hashing a file that goes away', () => {
  it('reports a file deleted while it was read as deleted, not as a file to add', async () => {
    const file = threeChunkFile('doomed.mp4');
    const hashing = hashFile(file, {
      onProgress: () => {
        if (fs.existsSync(file)) fs.rmSync(file);
      },
    });
    await expect(hashing).rejects.toMatchObject({
      code: 'E_FILE_MISSING',
      message: expect.stringMatching(/deleted while Dailies was reading it/),
    });
  });

  it('reports a file replaced by another under the same name while it was read', async () => {
    const file = threeChunkFile('swapped.mp4');
    let swapped = false;
    const hashing = hashFile(file, {
      onProgress: () => {
        if (swapped) return;
        swapped = true;
        const other = `${file}.new`;
        fs.writeFileSync(other, Buffer.alloc(3 * HASH_CHUNK_BYTES, 7));
        fs.renameSync(other, file);
      },
    });
    await expect(hashing).rejects.toMatchObject({ code: 'E_FILE_CHANGED', retryable: true });
  });

  it('hashes a file left alone', async () => {
    const file = threeChunkFile('calm.mp4');
    await expect(hashFile(file)).resolves.toMatchObject({ sizeBytes: 3 * HASH_CHUNK_BYTES });
  });
});
