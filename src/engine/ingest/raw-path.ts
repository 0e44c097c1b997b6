import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';

/**
 * A path as the file system has it. Linux allows any bytes in a name; a name that is not
 * valid UTF-8 cannot survive a round trip through a JS string, so such paths stay Buffers
 * from the directory listing to the open() that hashes them.
 */
export type RawPath = string | Buffer;

const separator = Buffer.from(path.sep);

export function joinRaw(dir: RawPath, name: Buffer): RawPath {
  if (typeof dir === 'string' && isUtf8(name)) return path.join(dir, name.toString('utf8'));
  const base = typeof dir === 'string' ? Buffer.from(dir) : dir;
  const needsSeparator = base.length > 0 && base[base.length - 1] !== separator[0];
  return Buffer.concat(needsSeparator ? [base, separator, name] : [base, name]);
}

/** For display and for folder filters: undecodable bytes become U+FFFD. */
export function displayPath(raw: RawPath): string {
  return typeof raw === 'string' ? raw : raw.toString('utf8');
}

/**
 * What identifies a location in the catalog: the path itself, or its exact bytes for a
 * name that is not UTF-8 (absolute paths start with a separator, so the two never clash).
 */
export function pathKey(raw: RawPath): string {
  return typeof raw === 'string' ? raw : `bytes:${raw.toString('base64')}`;
}

/** The bytes to keep beside the display path, only when the string would lose some. */
export function pathBytes(raw: RawPath): Buffer | null {
  return typeof raw === 'string' ? null : raw;
}

/** Back from the catalog: the exact bytes when they were kept, else the text. */
export function fromCatalog(displayText: string, bytes: Buffer | null): RawPath {
  return bytes ?? displayText;
}

/** A path every consumer takes as a string, for as long as it is needed. */
export interface OpenablePath {
  path: string;
  release(): Promise<void>;
}

/**
 * A string path to the file, for what takes only strings: ffmpeg's arguments, the uploader.
 * A name that is not UTF-8 is reached through a symlink (to its exact bytes) in a private
 * temporary folder (mode 0700), named like its display name so messages still name the file.
 * `release` removes it. Only Linux has such names: elsewhere names are always Unicode.
 */
export async function openablePath(raw: RawPath): Promise<OpenablePath> {
  if (typeof raw === 'string') return { path: raw, release: () => Promise.resolve() };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dailies-name-'));
  const alias = path.join(dir, path.basename(displayPath(raw)));
  try {
    await fs.symlink(raw, alias);
  } catch (error) {
    await fs.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: alias, release: () => fs.rm(dir, { recursive: true, force: true }) };
}
