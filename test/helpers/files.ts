import fs from 'node:fs';
import path from 'node:path';

/** Writes a file (and its folders) with the given content; returns its path. */
export function writeFile(file: string, content: string | Buffer = file): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}
