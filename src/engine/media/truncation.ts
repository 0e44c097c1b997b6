import fs from 'node:fs/promises';

export type BoxWalk =
  | {
      kind: 'complete';
      boxes: number;
      /** Whether a top-level moov (the index) was found; without it nothing can be played. */
      hasIndex: boolean;
      /** Bytes after the last box that are not a box (padding some tools leave): harmless. */
      trailingBytes: number;
      firstBox: string;
    }
  | {
      kind: 'truncated';
      expectedBytes: number;
      actualBytes: number;
      lastBox: string;
      firstBox: string;
    }
  | { kind: 'not-iso' };

/** Boxes an mp4 or QuickTime file can start with: how a file ffprobe refused is still known. */
const firstBoxTypes = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

/** True when the walk shows an mp4/mov whose data stops before its boxes (or its index) end. */
export function isCutShort(walk: BoxWalk): walk is Exclude<BoxWalk, { kind: 'not-iso' }> {
  if (walk.kind === 'not-iso' || !firstBoxTypes.has(walk.firstBox)) return false;
  return walk.kind === 'truncated' || !walk.hasIndex;
}

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
 * the end of the file; fragmented files just have more boxes. `knownSize`: the file's size,
 * when the caller has just read it.
 */
export async function walkTopLevelBoxes(file: string, knownSize?: number): Promise<BoxWalk> {
  const handle = await fs.open(file, 'r');
  try {
    // The caller's size when it has just taken one (the analysis has): one stat fewer.
    const size = knownSize ?? (await handle.stat()).size;
    const header = Buffer.alloc(16);
    let offset = 0;
    let boxes = 0;
    let lastBox = '';
    let firstBox = '';
    let hasIndex = false;
    const cut = (expectedBytes: number, box = lastBox): BoxWalk => ({
      kind: 'truncated',
      expectedBytes,
      actualBytes: size,
      lastBox: box,
      firstBox,
    });
    // Bytes after a complete box that do not form a box header are padding, not a cut: a cut
    // leaves a box whose declared size runs past the end of the file.
    const complete = (trailingBytes: number): BoxWalk => ({
      kind: 'complete',
      boxes,
      hasIndex,
      trailingBytes,
      firstBox,
    });
    while (offset < size && boxes < maxBoxes) {
      const { bytesRead } = await handle.read(header, 0, 16, offset);
      if (bytesRead < 8) return boxes === 0 ? { kind: 'not-iso' } : complete(size - offset);
      const type = header.toString('latin1', 4, 8);
      // A box type is four printable characters; anything else means this is not ISO-BMFF
      // (checked for the first box) or padding after the last box.
      if (!/^[\x20-\x7e]{4}$/.test(type))
        return boxes === 0 ? { kind: 'not-iso' } : complete(size - offset);
      if (boxes === 0) firstBox = type;
      let boxSize = header.readUInt32BE(0);
      if (boxSize === 1) {
        if (bytesRead < 16) return cut(offset + 16, type);
        boxSize = Number(header.readBigUInt64BE(8));
      } else if (boxSize === 0) {
        boxSize = size - offset; // "extends to the end of the file", valid for the last box
      }
      if (boxSize < 8) return boxes === 0 ? { kind: 'not-iso' } : cut(offset + 8, type);
      offset += boxSize;
      boxes += 1;
      lastBox = type;
      if (type === 'moov') hasIndex = hasIndex || offset <= size;
    }
    if (offset > size) return cut(offset);
    return complete(0);
  } finally {
    await handle.close();
  }
}
