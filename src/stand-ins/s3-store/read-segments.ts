import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { DiskLayout } from './disk-layout';
import type { DataSegment } from './store-records';

/**
 * The bytes `start..end` (inclusive) of an object stored as consecutive segment files, as a
 * stream that reads one file window at a time with backpressure. Segment files are never
 * rewritten (a new version gets new names), so a read that started keeps consistent bytes
 * unless the object is deleted under it, which then cuts the stream.
 */
export function readSegments(
  layout: DiskLayout,
  bucket: string,
  segments: DataSegment[],
  start: number,
  end: number,
): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    let offset = 0;
    for (const segment of segments) {
      const first = Math.max(start, offset);
      const last = Math.min(end, offset + segment.size - 1);
      if (first <= last) {
        const file = fs.createReadStream(layout.dataFile(bucket, segment.file), {
          start: first - offset,
          end: last - offset,
          highWaterMark: 256 * 1024,
        });
        for await (const chunk of file) yield chunk as Buffer;
      }
      offset += segment.size;
      if (offset > end) return;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}
