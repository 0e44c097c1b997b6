import fs from 'node:fs';

/**
 * Width and height from a JPEG's start-of-frame marker, or null when the file is missing,
 * empty or not a JPEG. Read in-process so that checking ffmpeg's output (which can be
 * missing even when ffmpeg exits 0) costs no extra process. Synchronous: it reads the small
 * stills ffmpeg just wrote into the data folder (see renderStills).
 */
export function jpegSize(file: string): { width: number; height: number } | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}
