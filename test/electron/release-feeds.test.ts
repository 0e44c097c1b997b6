import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without a declaration file
import { mergeUpdateFeeds } from '../../scripts/merge-update-feeds.mjs';
import { parseUpdateFeed } from '../../src/main/shell/update-decisions';
import { tempDir } from '../helpers/temp-dir';

const merge = mergeUpdateFeeds as (texts: string[]) => string;

/** A latest-mac.yml as electron-builder writes it for one architecture. */
const feed = (arch: 'arm64' | 'x64', version = '1.2.0') => `version: ${version}
files:
  - url: Dailies-${version}-${arch === 'x64' ? '' : 'arm64-'}mac.zip
    sha512: ${arch}zip==
    size: 100
  - url: Dailies-${version}-${arch}.dmg
    sha512: ${arch}dmg==
    size: 120
path: Dailies-${version}-${arch === 'x64' ? '' : 'arm64-'}mac.zip
sha512: ${arch}zip==
releaseDate: '2026-12-0${arch === 'x64' ? 1 : 2}T10:00:00.000Z'
`;

/** What electron-updater's MacUpdater downloads: arm64 files on Apple silicon, none on Intel. */
function zipFor(text: string, arch: 'arm64' | 'x64'): string | undefined {
  const files = (load(text) as { files: Array<{ url: string }> }).files;
  const fitting = files.filter((file) => file.url.includes('arm64') === (arch === 'arm64'));
  return fitting.find((file) => file.url.endsWith('.zip'))?.url;
}

describe('the macOS update feed of a release built on two runners', () => {
  it('offers each Mac the build of its own architecture', () => {
    // Either job may publish last: before the merge one architecture is missing.
    expect(zipFor(feed('arm64'), 'x64')).toBeUndefined();
    for (const merged of [
      merge([feed('arm64'), feed('x64')]),
      merge([feed('x64'), feed('arm64')]),
    ]) {
      expect(zipFor(merged, 'arm64')).toBe('Dailies-1.2.0-arm64-mac.zip');
      expect(zipFor(merged, 'x64')).toBe('Dailies-1.2.0-mac.zip');
      const parsed = load(merged) as { path: string; releaseDate: string; files: unknown[] };
      // Older updaters read the top-level path: an Intel build runs on every Mac.
      expect(parsed.path).toBe('Dailies-1.2.0-mac.zip');
      expect(parsed.files).toHaveLength(4);
      expect(parsed.releaseDate).toBe('2026-12-02T10:00:00.000Z');
      // The app's own reading of a feed accepts the merged one.
      expect(parseUpdateFeed(merged)?.version).toBe('1.2.0');
    }
  });

  it('refuses feeds of different versions, so a stale file cannot slip in', () => {
    expect(() => merge([feed('arm64', '1.2.0'), feed('x64', '1.1.0')])).toThrow(
      /different versions/,
    );
    expect(() => merge(['nothing: here'])).toThrow(/no version or files/);
  });

  it('runs as the release workflow calls it', () => {
    const dir = tempDir('dailies-feeds-');
    for (const arch of ['arm64', 'x64'] as const) {
      fs.mkdirSync(path.join(dir, arch));
      fs.writeFileSync(path.join(dir, arch, 'latest-mac.yml'), feed(arch));
    }
    const out = path.join(dir, 'latest-mac.yml');
    execFileSync(process.execPath, [
      path.resolve(import.meta.dirname, '../../scripts/merge-update-feeds.mjs'),
      out,
      path.join(dir, 'arm64', 'latest-mac.yml'),
      path.join(dir, 'x64', 'latest-mac.yml'),
    ]);
    expect(zipFor(fs.readFileSync(out, 'utf8'), 'arm64')).toBe('Dailies-1.2.0-arm64-mac.zip');
  });
});
