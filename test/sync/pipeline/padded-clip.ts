import crypto from 'node:crypto';
import fs from 'node:fs';

const MiB = 1024 * 1024;
/** An MP4 box header is 8 bytes; its 32-bit size caps one box below 4 GiB. */
const BOX_HEADER = 8;

/**
 * A copy of `clip` (a real, analysable MP4) with a `free` box of random bytes appended: still
 * a valid MP4 that ffprobe reads in an instant, but as large as a test needs, and unique per
 * call (so no two share a sha256). Random rather than zeros so that a part sent to the wrong
 * place cannot go unnoticed. Returns the copy's sha256.
 */
export function padClip(clip: string, out: string, padBytes: number): string {
  if (padBytes < BOX_HEADER || padBytes >= 2 ** 32) throw new Error(`bad padding ${padBytes}`);
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(out, 'w');
  const write = (bytes: Buffer) => {
    hash.update(bytes);
    fs.writeSync(fd, bytes);
  };
  try {
    write(fs.readFileSync(clip));
    const header = Buffer.alloc(BOX_HEADER);
    header.writeUInt32BE(padBytes);
    header.write('free', 4, 'latin1');
    write(header);
    for (let left = padBytes - BOX_HEADER; left > 0; left -= MiB)
      write(crypto.randomBytes(Math.min(MiB, left)));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
