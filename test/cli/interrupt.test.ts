import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip } from '../rig/media-fixtures';
import { tempDir } from '../helpers/temp-dir';
import { makeClips, startCliWorld, type CliWorld } from './cli-world';
import { repoRoot } from './run-dailies';

let world: CliWorld;
beforeAll(async () => {
  // Slow uploads (128 KB/s), so that Ctrl+C lands mid-upload.
  world = await startCliWorld({ profile: { bandwidthLimitBytesPerSecond: 128 * 1024 } });
});
afterAll(() => world?.close());

describe('Ctrl+C and terminals', () => {
  it('stops cleanly mid-upload, says how to go on, and a second run finishes with one object and one record', async () => {
    const dir = tempDir('dailies-cli-slow-');
    await makeClip('ffmpeg', path.join(dir, '51_slow-one.mp4'), 6, '1280x720', 500);
    const child = spawn(process.execPath, [...world.entry, 'ingest', dir, '--upload', '--wait'], {
      cwd: repoRoot,
      env: { ...process.env, ...world.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const uploading = new Promise<void>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (/… 51_slow-one\.mp4: .*upload/i.test(stderr)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await uploading;
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Run the same command again to continue.');

    const again = await world.dailies(['ingest', dir, '--upload', '--wait', '--json']);
    expect(again.status).toBe(0);
    expect(await world.keys()).toEqual([
      'thumbnails/thumb_51_slow-one.jpg',
      'videos/51_slow-one.mp4',
    ]);
    const platform = world.platform.store.snapshot();
    expect(platform.contents.filter((content) => content.id === 51)).toHaveLength(1);
    expect(platform.videoAssets).toHaveLength(1);
  });

  it('stops at once on a second Ctrl+C, losing nothing: the next run finishes with one object and one record', async () => {
    const dir = tempDir('dailies-cli-twice-');
    await makeClip('ffmpeg', path.join(dir, '54_twice.mp4'), 4, '960x540', 520);
    const child = spawn(process.execPath, [...world.entry, 'ingest', dir, '--upload', '--wait'], {
      cwd: repoRoot,
      env: { ...process.env, ...world.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const said = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(stderr) && resolve();
        child.stderr.on('data', check);
        check();
      });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await said(/… 54_twice\.mp4: .*upload/i);
    child.kill('SIGINT');
    // The second one a moment later (two at once may reach the process as one signal). The
    // clean stop may already have finished by then: either way it exits 130 and says how to
    // go on, and the next run must find nothing lost or doubled.
    await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(
      /Stopped (at once|with 1 file not finished).*Run the same command again/,
    );

    const again = await world.dailies(['ingest', dir, '--upload', '--wait', '--json']);
    expect(again.status).toBe(0);
    const keys = await world.keys();
    expect(keys.filter((key) => key.includes('54_twice'))).toEqual([
      'thumbnails/thumb_54_twice.jpg',
      'videos/54_twice.mp4',
    ]);
    const platform = world.platform.store.snapshot();
    expect(platform.contents.filter((content) => content.id === 54)).toHaveLength(1);
    expect(
      platform.videoAssets.filter((asset) => JSON.stringify(asset).includes('54_twice')),
    ).toHaveLength(1);
  });

  it('draws an upload bar with bytes and speed on a terminal, without colour under NO_COLOR', async () => {
    // 5 s, not the 6 s of 53_tty.mp4 below: the same clip would be one asset, already sent.
    const dir = await makeClips(['55_upload-bar.mp4'], 5);
    const command = [process.execPath, ...world.entry, 'ingest', dir, '--upload', '--wait']
      .map((word) => `'${word}'`)
      .join(' ');
    const run = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
      cwd: repoRoot,
      env: { ...process.env, ...world.env, NO_COLOR: '1' },
    }).catch((error: { stdout: string; code: number }) => error);
    const { stdout } = run;
    expect(stdout).toContain('\u001b[?25l');
    expect(stdout).toMatch(/55_upload-bar\.mp4 \(.*upload/i);
    expect(stdout).toMatch(/[\d.]+ (bytes|KB|MB) \/ [\d.]+ (KB|MB)/);
    expect(stdout).not.toContain('\u001b[36m');
    expect(stdout).toContain('1 file: 1 uploaded and registered.');
  });

  it('draws bars on a terminal and writes plain lines to a pipe', async () => {
    const dir = await makeClips(['52_bars.mp4']);
    const piped = await world.dailies(['ingest', dir]);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toContain('✓ 52_bars.mp4: analysed');
    expect(piped.stderr).not.toContain('\u001b[');

    const other = await makeClips(['53_tty.mp4'], 6);
    const command = [process.execPath, ...world.entry, 'ingest', other]
      .map((word) => `'${word}'`)
      .join(' ');
    // `script` gives the CLI a pseudo-terminal, as a shell window would.
    const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
      cwd: repoRoot,
      env: { ...process.env, ...world.env },
    });
    expect(stdout).toContain('\u001b[?25l'); // cli-progress hides the cursor while drawing
    expect(stdout).toMatch(/53_tty\.mp4 \(analysing/);
    expect(stdout).toContain('1 file: 1 analysed.');
  });
});
