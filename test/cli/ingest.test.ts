import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliWorld, makeClips, type CliWorld } from './cli-world';

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(() => world?.close());

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('dailies ingest', () => {
  it('ingests, uploads and registers every file with --upload --wait --json', async () => {
    const dir = await makeClips(['21_first-light.mp4', '22_second-wind.mp4']);
    const run = await world.dailies(['ingest', dir, '--upload', '--wait', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const events = lines(run.stdout);
    expect(events[0]).toMatchObject({ event: 'ingested', filesFound: 2, added: 2 });
    const files = events.filter((event) => event.event === 'file');
    expect(files).toHaveLength(2);
    const first = files.find((file) => file.file === '21_first-light.mp4')!;
    expect(first).toMatchObject({
      result: 'synced',
      contentId: 21,
      title: 'First Light',
      video: `s3://${world.s3.bucket}/videos/21_first-light.mp4`,
      thumbnail: `s3://${world.s3.bucket}/thumbnails/thumb_21_first-light.jpg`,
      error: null,
    });
    expect(first.remoteAssetId).toEqual(expect.any(Number));
    const summary = events.at(-1)!;
    expect(summary).toMatchObject({ event: 'summary', exit: 'ok' });
    expect(await world.keys()).toEqual([
      'thumbnails/thumb_21_first-light.jpg',
      'thumbnails/thumb_22_second-wind.jpg',
      'videos/21_first-light.mp4',
      'videos/22_second-wind.mp4',
    ]);

    // A second run sends nothing twice.
    const again = await world.dailies(['ingest', dir, '--upload', '--wait']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('2 files: 2 already on the platform.');
  });
});
