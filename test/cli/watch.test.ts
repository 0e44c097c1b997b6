import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../../src/shared/contract';
import { tempDir } from '../helpers/temp-dir';
import { makeClips, startCliWorld, type CliWorld } from './cli-world';
import { repoRoot } from './run-dailies';

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(() => world?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dailies watch', () => {
  it('ingests a file copied in slowly once, after it stops growing', async () => {
    const source = path.join(await makeClips(['61_slow-copy.mp4'], 6), '61_slow-copy.mp4');
    const bytes = fs.readFileSync(source);
    const folder = tempDir('dailies-cli-watch-');
    const child = spawn(process.execPath, [...world.entry, 'watch', folder], {
      cwd: repoRoot,
      env: { ...process.env, ...world.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(stdout) && resolve();
        child.stdout.on('data', check);
        check();
      });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await seen(/Watching /);

    // Copied in four pieces a second apart: each pause is shorter than the settle time.
    const target = path.join(folder, '61_slow-copy.mp4');
    const quarter = Math.ceil(bytes.length / 4);
    for (let piece = 0; piece < 4; piece++) {
      fs.appendFileSync(target, bytes.subarray(piece * quarter, (piece + 1) * quarter));
      await sleep(1000);
    }
    await seen(/✓ 61_slow-copy\.mp4: analysed/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout.match(/\+ 61_slow-copy\.mp4: ingested/g)).toHaveLength(1);

    const listed = await world.dailies(['ls', '--json']);
    const assets = JSON.parse(listed.stdout) as Asset[];
    expect(assets).toHaveLength(1);
    expect(assets[0]!.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(assets[0]!.status).toBe('ready');
  });
});
