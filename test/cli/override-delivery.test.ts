import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { startCliWorld, type CliWorld } from './cli-world';

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(() => world?.close());

/** A picture with no sound track: the built-in delivery rules ask for sound. */
async function silentClip(name: string): Promise<string> {
  const file = path.join(tempDir('dailies-cli-silent-'), name);
  await promisify(execFile)('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '2'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', file],
  ]);
  return file;
}

describe('dailies ingest --override-delivery', () => {
  it('sends a file that fails the delivery check only when asked, and its history says so', async () => {
    const file = await silentClip('51_no-sound.mp4');
    const held = await world.dailies(['ingest', file, '--upload', '--json']);
    expect(held.status).toBe(1);
    const refused = JSON.parse(held.stdout) as {
      files: Array<{ result: string; error: { code: string; message: string } }>;
    };
    expect(refused.files[0]).toMatchObject({
      result: 'failed',
      error: { code: 'E_VALIDATION', message: expect.stringMatching(/delivery rules.*anyway/s) },
    });
    expect(await world.keys()).toEqual([]);

    const sent = await world.dailies(['ingest', file, '--upload', '--override-delivery', '--wait']);
    expect(sent.status).toBe(0);
    expect(sent.stderr).toMatch(/! "No Sound" is sent anyway: it does not meet the delivery rules/);
    expect(sent.stdout).toContain('video      s3://');
    expect(await world.keys()).toContain('videos/51_no-sound.mp4');
    const shown = JSON.parse((await world.dailies(['show', '#51', '--json'])).stdout) as {
      history: Array<{ kind: string }>;
    };
    expect(shown.history.map((entry) => entry.kind)).toContain('delivery-override');
  });

  it('is a usage error without --upload', async () => {
    const run = await world.dailies(['ingest', '/tmp', '--override-delivery']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('give it with --upload');
  });
});
