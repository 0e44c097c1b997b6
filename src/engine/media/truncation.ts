import fs from 'node:fs/promises';

export type BoxWalk =
  | { kind: 'complete'; boxes: number }
  | { kind: 'truncated'; expectedBytes: number; actualBytes: number; lastBox: string }
  | { kind: 'not-iso' };

/** Containers whose top level is a plain sequence of ISO-BMFF boxes. */
export function isIsoBmff(container: string): boolean {
  return /(^|,)(mov|mp4|m4a|3gp|3g2|mj2)(,|$)/.test(container);
}

const maxBoxes = 1_000_000;

/**
 * Walks the top-level boxes (size + type) of an mp4/mov/m4v and checks that they end exactly
 * at the end of the file. ffprobe cannot see a cut when the index (moov) is at the front: it
 * reports the full duration from the index although the media data stops early. Reading one
 * 16-byte header per box costs a few reads even for a feature film, far less than decoding
 * the end of the file; fragmented files just have more boxes.
 */
export async function walkTopLevelBoxes(file: string): Promise<BoxWalk> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    let offset = 0;
    let boxes = 0;
    let lastBox = '';
    while (offset < size && boxes < maxBoxes) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8)
        return { kind: 'truncated', expectedBytes: offset + 8, actualBytes: size, lastBox };
      const type = header.toString('latin1', 4, 8);
      // A box type is four printable characters; anything else means this is not ISO-BMFF
      // (checked for the first box) or the structure is damaged.
      if (!/^[\x20-\x7e]{4}$/.test(type)) {
        return boxes === 0
          ? { kind: 'not-iso' }
          : { kind: 'truncated', expectedBytes: offset, actualBytes: size, lastBox };
      }
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) {
        if (bytesRead < 16)
          return {
            kind: 'truncated',
            expectedBytes: offset + 16,
            actualBytes: size,
            lastBox: type,
          };
        boxSize = Number(header.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        boxSize = size - offset; // "extends to the end of the file", valid for the last box
      }
      if (boxSize < 8)
        return boxes === 0
          ? { kind: 'not-iso' }
          : { kind: 'truncated', expectedBytes: offset + 8, actualBytes: size, lastBox: type };
      offset += boxSize;
      boxes += 1;
      lastBox = type;
    }
    if (offset > size)
      return { kind: 'truncated', expectedBytes: offset, actualBytes: size, lastBox };
    return { kind: 'complete', boxes };
  } finally {
    await handle.close();
  }
}
