import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogRows } from './catalog-rows';
import { makeClips, startCliWorld, type CliWorld } from './cli-world';

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(() => world?.close());

describe('--dry-run', () => {
  it('shows keys, content ids and titles, and leaves catalog, bucket and platform as they were', async () => {
    const dir = await makeClips(['31_sent-before.mp4', '32_not-yet.mp4']);
    const sent = await world.dailies(['ingest', `${dir}/31_sent-before.mp4`, '--upload', '--wait']);
    expect(sent.status).toBe(0);
    const known = await world.dailies(['ingest', `${dir}/32_not-yet.mp4`]);
    expect(known.status).toBe(0);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/33_brand-new.mp4`, Buffer.alloc(0));

    const before = {
      rows: catalogRows(world.dataDir),
      keys: await world.keys(),
      platform: world.platform.store.snapshot(),
    };
    const run = await world.dailies(['ingest', dir, '--upload', '--dry-run', '--json']);
    const plan = JSON.parse(run.stdout) as {
      dryRun: boolean;
      files: Array<Record<string, unknown>>;
    };
    expect(plan.dryRun).toBe(true);
    const byName = (name: string) => plan.files.find((file) => String(file.path).endsWith(name));
    expect(byName('31_sent-before.mp4')).toMatchObject({ action: 'skip', contentId: 31 });
    expect(byName('32_not-yet.mp4')).toMatchObject({
      action: 'upload',
      contentId: 32,
      title: 'Not Yet',
      video: `s3://${world.s3.bucket}/videos/32_not-yet.mp4`,
      thumbnail: `s3://${world.s3.bucket}/thumbnails/thumb_32_not-yet.jpg`,
    });
    expect(byName('33_brand-new.mp4')).toMatchObject({
      action: 'upload',
      contentId: 33,
      title: 'Brand New',
    });

    const setRun = await world.dailies(['set', '#32', '--title', 'Renamed', '--dry-run']);
    expect(setRun.status).toBe(0);
    expect(setRun.stdout).toContain('title: "Not Yet" → "Renamed"');
    const queueRun = await world.dailies(['queue', 'cancel', '--all', '--dry-run']);
    expect(queueRun.status).toBe(0);

    expect(catalogRows(world.dataDir)).toEqual(before.rows);
    expect(await world.keys()).toEqual(before.keys);
    expect(world.platform.store.snapshot()).toEqual(before.platform);
  });
});
