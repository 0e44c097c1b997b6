import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
/** Markdown images, `![alt](target)`, and HTML ones, `<img src="target">`. */
const images = [
  ...[...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!),
  ...[...readme.matchAll(/<img\s[^>]*src="([^"]+)"/g)].map((match) => match[1]!),
];

describe('the README pictures', () => {
  it('links only images that are in the repository', () => {
    const missing = images.filter(
      (target) => !/^https?:/.test(target) && !fs.existsSync(path.join(root, target)),
    );
    expect(missing).toEqual([]);
  });

  it('shows every screenshot `npm run screenshots` makes', () => {
    const made = fs
      .readdirSync(path.join(root, 'docs/screenshots'))
      .map((name) => `docs/screenshots/${name}`);
    expect(made.length).toBeGreaterThan(0);
    expect(made.filter((file) => !images.includes(file))).toEqual([]);
  });
});
