import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/create-engine';
import type { Asset } from '../../src/shared/contract';
import { call, testEngine } from '../helpers/engine';
import { writeFile } from '../helpers/files';
import { tempDir } from '../helpers/temp-dir';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the library until it holds `count` assets (a safety limit, not a speed assertion). */
async function waitForAssets(engine: Engine, count: number): Promise<Asset[]> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const page = await call(engine, 'assets.search', { limit: 100 });
    if (page.items.length >= count) return page.items;
    await sleep(50);
  }
  throw new Error(`the library never reached ${count} assets`);
}

describe('watch folders', () => {
  it('ingests what is already there, then new files once they have stopped growing', async () => {
    const folder = tempDir('dailies-watch-');
    writeFile(path.join(folder, 'already-here.mp4'), 'old');
    const engine = testEngine({ watchSettleMs: 800 });
    const added: number[][] = [];
    engine.subscribe((event) => {
      if (event.name === 'assets.changed' && event.payload.reason === 'added')
        added.push(event.payload.ids);
    });

    const watched = await call(engine, 'watchFolders.add', { path: folder });
    expect(watched).toMatchObject({ path: folder, problem: null });
    await waitForAssets(engine, 1);

    // A copy in progress: the file grows in steps closer together than the settle time.
    fs.mkdirSync(path.join(folder, 'day-2'));
    const growing = path.join(folder, 'day-2', '3_rushes.mov');
    const chunk = Buffer.alloc(64 * 1024, 7);
    for (let step = 0; step < 10; step += 1) {
      fs.appendFileSync(growing, chunk);
      await sleep(100);
    }
    const assets = await waitForAssets(engine, 2);

    const rushes = assets.find((asset) => asset.fileName === '3_rushes.mov');
    expect(rushes).toMatchObject({ sizeBytes: 10 * chunk.length, contentId: 3, title: 'Rushes' });
    // Never ingested half-written: exactly two assets were ever added.
    expect(added.flat()).toHaveLength(2);
    expect((await call(engine, 'watchFolders.list', {}))[0]?.lastScanAt).not.toBeNull();
  });

  it('keeps watching after a restart and stops when the folder is removed', async () => {
    const folder = tempDir('dailies-watch-');
    const dataDir = tempDir('dailies-engine-');
    const first = testEngine({ dataDir, watchSettleMs: 200 });
    const { id } = await call(first, 'watchFolders.add', { path: folder });
    expect((await call(first, 'watchFolders.add', { path: `${folder}/` })).id).toBe(id);
    await first.dispose();

    // Added while Dailies was closed: picked up by the scan at start.
    writeFile(path.join(folder, 'while-closed.mp4'), 'x');
    const second = testEngine({ dataDir, watchSettleMs: 200 });
    await waitForAssets(second, 1);

    expect(await call(second, 'watchFolders.remove', { id })).toEqual({ removed: true });
    writeFile(path.join(folder, 'after-removal.mp4'), 'y');
    await sleep(600);
    expect((await call(second, 'assets.search', {})).items).toHaveLength(1);
    expect(await call(second, 'watchFolders.list', {})).toEqual([]);
  });

  it('refuses a folder that does not exist or is a file', async () => {
    const engine = testEngine();
    const file = writeFile(path.join(tempDir(), 'a.mp4'), 'x');
    expect(await engine.dispatch('watchFolders.add', { path: '/no/such/folder' })).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_FOUND' },
    });
    expect(await engine.dispatch('watchFolders.add', { path: file })).toMatchObject({
      ok: false,
      error: { code: 'E_VALIDATION' },
    });
  });

  it('disposes its watchers and pending checks with the engine', async () => {
    const folder = tempDir('dailies-watch-');
    const count = (kind: string) =>
      process.getActiveResourcesInfo().filter((resource) => resource === kind).length;
    const watchersBefore = count('FSEventWrap');
    const engine = testEngine({ watchSettleMs: 60_000 });
    await call(engine, 'watchFolders.add', { path: folder });
    writeFile(path.join(folder, 'pending.mp4'), 'waiting to settle');
    await sleep(200);
    expect(count('FSEventWrap')).toBeGreaterThan(watchersBefore);
    const timersWhilePending = count('Timeout');
    // A pending minute-long settle timer and an open watcher must not outlive the engine.
    await engine.dispose();
    await sleep(100); // the file-system watcher releases its handle on the next turns
    expect(count('FSEventWrap')).toBe(watchersBefore);
    expect(count('Timeout')).toBeLessThan(timersWhilePending);
    expect(await engine.dispatch('watchFolders.list', {})).toMatchObject({
      ok: false,
      error: { code: 'E_DISPOSED' },
    });
  });
});
