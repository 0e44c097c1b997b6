import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands';
import { exitCodes } from '../../src/cli/exit-codes';
import { runCli, type CliDeps } from '../../src/cli/run-cli';
import { count, folderOf } from '../helpers/bulk-library';
import { catalogSql } from '../helpers/catalog';
import { call, testEngine } from '../helpers/engine';
import { recordingLogger } from '../helpers/recording-logger';
import { tempDir } from '../helpers/temp-dir';

const ASSETS = 300;

describe('Ctrl+C during a whole-batch call of the CLI', () => {
  it('dailies set on many assets asks the engine to stop, changes nothing, and says so', async () => {
    const dataDir = tempDir('dailies-cli-bulk-');
    const seed = testEngine({ dataDir, startWork: false });
    const { assetIds } = await call(seed, 'assets.addPaths', { paths: [folderOf(ASSETS)] });
    await seed.dispose();

    const interrupt = new AbortController();
    const stderr: string[] = [];
    let opened: ReturnType<typeof testEngine> | null = null;
    const deps: CliDeps = {
      commands,
      version: '0.0.0-test',
      defaultDataDir: () => dataDir,
      // Small steps, so the edit is still on when Ctrl+C (the abort) lands at its first report.
      openEngine: (dir) => {
        opened = testEngine({ dataDir: dir, startWork: false, bulkStepItems: 8 });
        opened.subscribe((event) => {
          if (event.name === 'bulk.progress') interrupt.abort();
        });
        return Promise.resolve(opened);
      },
      terminal: { isTTY: false, color: false, stream: process.stderr },
      readSecret: () => Promise.resolve(''),
      openLog: () => recordingLogger().logger,
      stdout: () => undefined,
      stderr: (text) => stderr.push(text),
      signal: interrupt.signal,
    };
    const status = await runCli(['set', ...assetIds.map(String), '--add-tag', 'festival'], deps);
    expect(interrupt.signal.aborted).toBe(true);
    expect(status).toBe(exitCodes.cancelled.status);
    expect(stderr).toEqual([
      `dailies: Stopped: nothing was changed (the edit of ${ASSETS} assets is all or nothing).`,
    ]);
    const after = testEngine({ dataDir, startWork: false });
    expect(count(after, "SELECT count(*) n FROM assets WHERE tags_json LIKE '%festival%'")).toBe(0);
    expect(count(after, 'SELECT count(*) n FROM edit_history')).toBe(0);
  });

  it('queue pause --all, Ctrl+C pressed before the pause began: the pause stops at its first step', async () => {
    const dataDir = tempDir('dailies-cli-bulk-');
    const seed = testEngine({ dataDir, startWork: false });
    await call(seed, 'assets.addPaths', { paths: [folderOf(ASSETS)] });
    // One waiting upload per asset (no profile is needed: nothing runs them here).
    catalogSql(seed)
      .prepare(
        `INSERT INTO jobs (kind, spec_json, asset_id, state, created_at, updated_at)
         SELECT 'sync', json_object('kind', 'sync', 'assetId', id, 'profileId', 'p'), id, 'queued',
           updated_at, updated_at FROM assets`,
      )
      .run();
    await seed.dispose();

    const interrupt = new AbortController();
    const stderr: string[] = [];
    const deps: CliDeps = {
      commands,
      version: '0.0.0-test',
      defaultDataDir: () => dataDir,
      // Ctrl+C lands while the engine opens, before the pause is asked for.
      openEngine: (dir) => {
        interrupt.abort();
        return Promise.resolve(testEngine({ dataDir: dir, startWork: false, bulkStepItems: 8 }));
      },
      terminal: { isTTY: false, color: false, stream: process.stderr },
      readSecret: () => Promise.resolve(''),
      openLog: () => recordingLogger().logger,
      stdout: () => undefined,
      stderr: (text) => stderr.push(text),
      signal: interrupt.signal,
    };
    const status = await runCli(['queue', 'pause', '--all'], deps);
    expect(status).toBe(exitCodes.cancelled.status);
    expect(stderr).toHaveLength(1);
    const paused = Number(
      /^dailies: Stopped: (\d+) jobs paused; the others were left as they were\.$/.exec(
        stderr[0]!,
      )?.[1],
    );
    expect(paused).toBeGreaterThan(0);
    expect(paused).toBeLessThan(ASSETS);
    const after = testEngine({ dataDir, startWork: false });
    expect(
      count(after, "SELECT count(*) n FROM jobs WHERE kind = 'sync' AND state = 'paused'"),
    ).toBe(paused);
  });
});
