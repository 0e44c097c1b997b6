import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/create-engine';
import { call, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';

describe('engine settings', () => {
  it('keeps a changed setting across a restart and announces the change', async () => {
    const dataDir = tempDir();
    const first = testEngine({ dataDir });
    const seen: unknown[] = [];
    first.subscribe((event) => seen.push(event));
    const saved = await call(first, 'settings.set', { thumbnailWidth: 960, theme: 'dark' });
    expect(saved.thumbnailWidth).toBe(960);
    expect(seen).toContainEqual({ name: 'settings.changed', payload: saved });
    await first.dispose();

    const second = testEngine({ dataDir });
    const reread = await call(second, 'settings.get', {});
    expect(reread).toMatchObject({ thumbnailWidth: 960, theme: 'dark', filmstripFrames: 20 });
  });

  it('rejects an out-of-range value with the field that is wrong and keeps the old value', async () => {
    const engine = testEngine();
    const result = await engine.dispatch('settings.set', { thumbnailWidth: 10 });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'E_VALIDATION',
        details: { fields: [expect.objectContaining({ path: 'thumbnailWidth' })] },
      },
    });
    expect((await call(engine, 'settings.get', {})).thumbnailWidth).toBe(640);
  });

  it('refuses an unknown method and unknown setting keys', async () => {
    const engine = testEngine();
    expect(await engine.dispatch('settings.nuke', {})).toMatchObject({
      ok: false,
      error: { code: 'E_UNKNOWN_METHOD' },
    });
    expect(await engine.dispatch('settings.set', { colour: 'red' })).toMatchObject({
      ok: false,
      error: { code: 'E_VALIDATION' },
    });
  });
});

describe('the data dir', () => {
  it('lets only one engine use a data dir and names the holder', () => {
    const dataDir = tempDir();
    testEngine({ dataDir });
    expect(() => createEngine({ dataDir, host: 'web', version: 'x' })).toThrow(
      /in use by another Dailies \(cli, process \d+/,
    );
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'dailies.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, hostname: (await import('node:os')).hostname() }),
    );
    const engine = testEngine({ dataDir });
    expect((await call(engine, 'app.info', {})).dataDir).toBe(dataDir);
  });

  it('reports a corrupt catalog with its path and never replaces it', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'catalog.db');
    const garbage = Buffer.from('this is not a database, but an editor might still need it');
    fs.writeFileSync(file, garbage);
    expect(() => createEngine({ dataDir, host: 'cli', version: 'x' })).toThrow(
      expect.objectContaining({
        code: 'E_CATALOG_CORRUPT',
        message: expect.stringContaining(file),
      }),
    );
    expect(fs.readFileSync(file)).toEqual(garbage);
    // The failed open released its lock: the editor can retry once the file is fixed.
    expect(fs.existsSync(path.join(dataDir, 'dailies.lock'))).toBe(false);
  });
});
