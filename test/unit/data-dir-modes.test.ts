import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

/** Every folder and file under `dir`, with its mode. */
function modes(dir: string): Array<[string, number, boolean]> {
  const out: Array<[string, number, boolean]> = [[dir, modeOf(dir), true]];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out.push([full, modeOf(full), entry.isDirectory()]);
  }
  return out;
}

describe.skipIf(process.platform === 'win32')('who may read the data folder', () => {
  it('a new data folder is 0700 and the catalog, its WAL and the log are 0600', async () => {
    const dataDir = path.join(tempDir(), 'Dailies');
    const engine = testEngine({ dataDir });
    await call(engine, 'settings.set', { theme: 'dark' });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'logs'))).toBe(0o700);
    for (const file of ['catalog.db', 'catalog.db-wal', 'catalog.db-shm', 'logs/dailies.log']) {
      expect(modeOf(path.join(dataDir, file)), file).toBe(0o600);
    }
    for (const [file, mode] of modes(dataDir)) {
      expect(mode & 0o077, `${file} is ${mode.toString(8)}`).toBe(0);
    }
  });

  it('tightens a folder and files an older version left readable by everyone', async () => {
    const dataDir = path.join(tempDir(), 'Dailies');
    await testEngine({ dataDir }).dispose();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'logs'), 0o755);
    fs.chmodSync(path.join(dataDir, 'catalog.db'), 0o644);
    fs.chmodSync(path.join(dataDir, 'logs', 'dailies.log'), 0o644);

    const engine = testEngine({ dataDir });
    await call(engine, 'settings.get', {});
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'logs'))).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'catalog.db'))).toBe(0o600);
    expect(modeOf(path.join(dataDir, 'logs', 'dailies.log'))).toBe(0o600);
  });
});
