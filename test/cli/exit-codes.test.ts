import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorValueSchema } from '../../src/shared/contract';
import { tempDir } from '../helpers/temp-dir';
import { makeClips, startCliWorld, type CliWorld } from './cli-world';
import { runDailies } from './run-dailies';

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(() => world?.close());

describe('exit codes', () => {
  it('exits 1 with a summary naming each failed file and its reason when some failed', async () => {
    const dir = await makeClips(['41_good.mp4']);
    fs.writeFileSync(path.join(dir, '42_bad.mp4'), 'not a video at all');
    const run = await world.dailies(['ingest', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('2 files: 1 analysed, 1 failed.');
    expect(run.stderr).toMatch(/✗ 42_bad\.mp4: failed: .+/);
  });

  it('exits 9 when every file is not usable media', async () => {
    const dir = tempDir('dailies-cli-bad-');
    fs.writeFileSync(path.join(dir, '43_text.mp4'), 'plain text');
    const run = await world.dailies(['ingest', dir, '--json']);
    expect(run.status).toBe(9);
    const result = JSON.parse(run.stdout) as { files: Array<{ error: { code: string } }> };
    expect(result.files[0]!.error.code).toMatch(
      /^E_(NOT_MEDIA|TRUNCATED|UNSUPPORTED_CODEC|NO_VIDEO)$/,
    );
  });

  it('exits 8 when the platform refuses the token, holding the upload', async () => {
    // A world of its own: the hold must be the only thing that happens to its queue.
    const own = await startCliWorld();
    const dir = await makeClips(['44_refused.mp4']);
    const run = await own.dailies(['ingest', dir, '--upload', '--wait'], {
      DAILIES_INTERNAL_TOKEN: 'wrong-token',
    });
    expect(run.status).toBe(8);
    await own.close();
    expect(run.stderr).toContain('‖ 44_refused.mp4: held: The internal token was refused');
  });

  it('exits 2 naming the fix for a usage mistake, 5 for a damaged catalog', async () => {
    const usage = await world.dailies(['ingest']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Name at least one file or folder');

    const dataDir = tempDir('dailies-cli-corrupt-');
    fs.writeFileSync(path.join(dataDir, 'catalog.db'), 'this is not a database'.repeat(100));
    const corrupt = await runDailies(['status', '--json', '--data-dir', dataDir], {
      entry: world.entry,
    });
    expect(corrupt.status).toBe(5);
    expect(errorValueSchema.parse(JSON.parse(corrupt.stderr)).code).toBe('E_CATALOG_CORRUPT');
  });
});
