import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = path.join(repoRoot, 'test/lint-fixtures');

/** A path relative to the repository, with forward slashes, as the reports are compared. */
export function relative(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join('/');
}

/** The fixture lines that end in `marker` (`// reported`, `// clock reported`), as file:line. */
export function markedLines(marker: string): string[] {
  const ending = new RegExp(`${marker.replace(/[/]/g, '\\/')}\\s*$`);
  const marked: string[] = [];
  for (const entry of fs.readdirSync(fixtures, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(fixtures, entry);
    if (!/\.(ts|tsx|js)$/.test(file) || !fs.statSync(file).isFile()) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (ending.test(line)) marked.push(`${relative(file)}:${index + 1}`);
      });
  }
  return marked.sort();
}
