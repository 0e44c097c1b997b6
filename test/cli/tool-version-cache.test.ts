import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appInfoSchema, type AppInfo } from '../../src/shared/contract';
import { tempDir } from '../helpers/temp-dir';
import { builtCli } from './cli-world';
import { runDailies } from './run-dailies';

/** The real tool on PATH (the tests need FFmpeg installed, as every media test does). */
function realTool(name: 'ffmpeg' | 'ffprobe'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${name} is not on PATH`);
}

/**
 * A wrapper around the real tool that notes each run in `<name>.runs` and hands over to it:
 * how the test sees whether Dailies asked the tool again. `padding` changes the wrapper's
 * size, as an upgraded binary would.
 */
function countingWrapper(dir: string, name: 'ffmpeg' | 'ffprobe', padding = ''): string {
  const file = path.join(dir, name);
  const runs = path.join(dir, `${name}.runs`);
  fs.writeFileSync(
    file,
    `#!/bin/sh\n# ${padding}\necho run >> '${runs}'\nexec '${realTool(name)}' "$@"\n`,
  );
  fs.chmodSync(file, 0o755);
  return file;
}

function runsOf(dir: string, name: 'ffmpeg' | 'ffprobe'): number {
  const file = path.join(dir, `${name}.runs`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** The built CLI, a fresh data folder, and ffmpeg/ffprobe behind wrappers that count runs. */
async function countedTools() {
  const entry = await builtCli();
  const dataDir = tempDir('dailies-cli-tools-');
  const bin = tempDir('dailies-cli-tool-wrappers-');
  const env = {
    DAILIES_FFMPEG: countingWrapper(bin, 'ffmpeg'),
    DAILIES_FFPROBE: countingWrapper(bin, 'ffprobe'),
  };
  return { entry, dataDir, bin, env };
}

describe('dailies info and the ffmpeg/ffprobe versions', () => {
  it('asks each tool for its version once, and again only when the binary changes', async () => {
    const { entry, dataDir, bin, env } = await countedTools();
    const info = async (): Promise<AppInfo> => {
      const run = await runDailies(['info', '--json', '--data-dir', dataDir], { env, entry });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return appInfoSchema.parse(JSON.parse(run.stdout));
    };

    const first = await info();
    expect(first.ffmpeg).toMatchObject({ kind: 'found', tool: { path: env.DAILIES_FFMPEG } });
    expect([runsOf(bin, 'ffmpeg'), runsOf(bin, 'ffprobe')]).toEqual([1, 1]);

    // A second start reports the same versions without running either tool.
    const second = await info();
    expect(second.ffmpeg).toEqual(first.ffmpeg);
    expect(second.ffprobe).toEqual(first.ffprobe);
    expect([runsOf(bin, 'ffmpeg'), runsOf(bin, 'ffprobe')]).toEqual([1, 1]);

    // ffmpeg replaced (another size and time): it is asked again, ffprobe is not.
    countingWrapper(bin, 'ffmpeg', 'upgraded');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(env.DAILIES_FFMPEG, later, later);
    const third = await info();
    expect(third.ffmpeg).toEqual(first.ffmpeg);
    expect([runsOf(bin, 'ffmpeg'), runsOf(bin, 'ffprobe')]).toEqual([2, 1]);
  });

  it('does not take a cached version for a binary that no longer answers as the tool', async () => {
    const { entry, dataDir, env } = await countedTools();
    const first = await runDailies(['info', '--data-dir', dataDir], { env, entry });
    expect(first.status).toBe(0);

    // The path now holds something else entirely: info must notice, not repeat the cache.
    fs.writeFileSync(env.DAILIES_FFPROBE, '#!/bin/sh\necho "not a video tool"\n');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(env.DAILIES_FFPROBE, later, later);
    const second = await runDailies(['info', '--data-dir', dataDir], { env, entry });
    expect(second.status).toBe(4);
    expect(second.stderr).toContain(`ffprobe at ${env.DAILIES_FFPROBE} (env) is not ffprobe`);
  });
});
