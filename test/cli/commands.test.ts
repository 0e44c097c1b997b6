import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { INTERNAL_TOKEN, makeClips, startCliWorld, type CliWorld } from './cli-world';

let world: CliWorld;
let assetId: number;
beforeAll(async () => {
  world = await startCliWorld();
  const dir = await makeClips(['31_night-shift.mp4', '32_day-off.mp4']);
  const run = await world.dailies(['ingest', path.join(dir, '31_night-shift.mp4'), '--upload']);
  expect(run.status).toBe(0);
  const synced = await world.dailies(['queue', 'resume', '--all', '--wait']);
  expect(synced.status).toBe(0);
  // One more, analysed but never sent: a second status to list by.
  expect((await world.dailies(['ingest', path.join(dir, '32_day-off.mp4')])).status).toBe(0);
  const listed = await world.dailies(['ls', 'night', '--json']);
  assetId = (JSON.parse(listed.stdout) as Array<{ id: number }>)[0]!.id;
});
afterAll(() => world?.close());

/** A local port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('reading commands', () => {
  it('ls --status lists only the assets of those statuses', async () => {
    const synced = await world.dailies(['ls', '--status', 'synced', '--json']);
    expect(synced.status).toBe(0);
    const files = (assets: string) =>
      (JSON.parse(assets) as Array<{ fileName: string }>).map((asset) => asset.fileName);
    expect(files(synced.stdout)).toEqual(['31_night-shift.mp4']);
    const ready = await world.dailies(['ls', '--status', 'ready', '--status', 'error']);
    expect(ready.stdout).toMatch(/^\d+\s+ready\s+#32\s+.*Day Off/m);
    expect(ready.stdout).not.toContain('31_night-shift');
    const wrong = await world.dailies(['ls', '--status', 'done']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--status');
  });

  it('show names the asset by id, #content-id or path, with its keys and history', async () => {
    const byId = await world.dailies(['show', String(assetId)]);
    expect(byId.status).toBe(0);
    expect(byId.stdout).toContain(`Asset ${assetId}: 31_night-shift.mp4`);
    expect(byId.stdout).toMatch(/^\s+Title\s+Night Shift$/m);
    expect(byId.stdout).toMatch(/^\s+Status\s+synced$/m);
    expect(byId.stdout).toMatch(/^\s+Video key\s+videos\/31_night-shift\.mp4$/m);
    expect(byId.stdout).toMatch(/^\s+Thumbnail key\s+thumbnails\/thumb_31_night-shift\.jpg$/m);
    expect(byId.stdout).toMatch(/^\s+Delivery\s+\S+/m);

    const byContentId = await world.dailies(['show', '#31', '--json']);
    const shown = JSON.parse(byContentId.stdout) as {
      asset: { id: number; contentId: number };
      sync: { videoKey: string; remoteAssetId: number };
      analysis: { mediaInfo: unknown };
    };
    expect(shown.asset).toMatchObject({ id: assetId, contentId: 31 });
    expect(shown.sync.videoKey).toBe('videos/31_night-shift.mp4');
    expect(shown.sync.remoteAssetId).toEqual(expect.any(Number));
    expect(shown.analysis.mediaInfo).toBeTruthy();

    const missing = await world.dailies(['show', '#999']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No asset has the content id 999');
  });

  it('status counts the assets by status and shows the queue', async () => {
    const human = await world.dailies(['status']);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/^Assets: .*1 ready.*1 synced/m);
    expect(human.stdout).toMatch(/^Uploads: 0 running, 0 queued, 0 paused, 0 failed\.$/m);
    const json = JSON.parse((await world.dailies(['status', '--json'])).stdout) as {
      assets: Record<string, number>;
      queue: { running: number; failed: number };
    };
    expect(json.assets).toMatchObject({ synced: 1, ready: 1, error: 0 });
    expect(json.queue).toMatchObject({ running: 0, failed: 0 });
  });
});

describe('bucket commands', () => {
  it('cleanup-uploads aborts none of a colleague’s unfinished uploads', async () => {
    const client = world.s3.createClient();
    const colleague = await client.send(
      new CreateMultipartUploadCommand({ Bucket: world.s3.bucket, Key: 'videos/99_theirs.mp4' }),
    );
    const run = await world.dailies(['cleanup-uploads', '--older-than', '0', '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ aborted: [] });
    const human = await world.dailies(['cleanup-uploads']);
    expect(human.stdout).toContain('Aborted 0 unfinished uploads.');
    const left = await client.send(new ListMultipartUploadsCommand({ Bucket: world.s3.bucket }));
    expect(left.Uploads?.map((upload) => upload.UploadId)).toContain(colleague.UploadId);

    const bad = await world.dailies(['cleanup-uploads', '--older-than', 'soon']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--older-than');
  });

  it('reconcile reports nothing when all matches, and exits 1 naming what differs', async () => {
    const clean = await world.dailies(['reconcile', '--json']);
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ findings: [] });

    // Last in this file: it takes the uploaded video away from the bucket.
    await world.s3
      .createClient()
      .send(new DeleteObjectCommand({ Bucket: world.s3.bucket, Key: 'videos/31_night-shift.mp4' }));
    const differs = await world.dailies(['reconcile', '--profile', 'Stand-in']);
    expect(differs.status).toBe(1);
    expect(differs.stdout).toMatch(/^Checked \d+ assets? under "Stand-in"\.$/m);
    expect(differs.stdout).toContain(`asset ${assetId}: `);
    expect(differs.stdout).toContain('videos/31_night-shift.mp4');
    expect(differs.stdout).not.toContain('Everything matches.');
  });
});

describe('dailies support-bundle', () => {
  it('writes the bundle where --dir says and prints the file, never a secret', async () => {
    const dir = tempDir('dailies-cli-support-');
    const human = await world.dailies(['support-bundle', '--dir', dir]);
    expect(human.status).toBe(0);
    const file = human.stdout.trim();
    expect(path.dirname(file)).toBe(dir);
    expect(fs.existsSync(file)).toBe(true);
    expect(human.stderr).toMatch(/^Wrote .+: \d+ log files?, 1 profile \(secrets left out\)\.$/m);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(INTERNAL_TOKEN);

    const json = await world.dailies(['support-bundle', '--json']);
    expect(json.status).toBe(0);
    const bundle = JSON.parse(json.stdout) as { file: string; bytes: number; profiles: number };
    expect(bundle.file.startsWith(world.dataDir)).toBe(true);
    expect(fs.statSync(bundle.file).size).toBe(bundle.bytes);
    expect(bundle.profiles).toBe(1);
  });
});

describe('exit 7', () => {
  it('exits 7 when the profile’s platform and store cannot be reached', async () => {
    const port = await closedPort();
    const dead = `http://127.0.0.1:${port}`;
    const add = await world.dailies([
      'profile',
      'add',
      'Offline',
      '--api-url',
      `${dead}/api`,
      '--bucket',
      'nowhere',
      '--endpoint',
      dead,
      '--path-style',
    ]);
    expect(add.status).toBe(0);
    const run = await world.dailies(['profile', 'test', 'Offline']);
    expect(run.status).toBe(7);
    expect(run.stdout).toMatch(
      /^\s+fail\s+Platform answers: Cannot reach the platform at 127\.0\.0\.1/m,
    );
    expect(run.stdout).toMatch(/^\s+fail\s+Bucket reachable: .*cannot reach S3/m);
    const json = await world.dailies(['profile', 'test', 'Offline', '--json']);
    expect(json.status).toBe(7);
    const result = JSON.parse(json.stdout) as { ok: boolean; checks: Array<{ result: string }> };
    expect(result.ok).toBe(false);
    expect(result.checks.filter((check) => check.result === 'fail')).toHaveLength(2);

    // Nothing of ours to abort there: the cleanup must still say it reached nothing.
    const cleanup = await world.dailies(['cleanup-uploads', '--profile', 'Offline']);
    expect(cleanup.status).toBe(7);
    expect(cleanup.stdout).not.toContain('Aborted');
    expect(cleanup.stderr).toMatch(/reaching the bucket "nowhere"/);
    expect((await world.dailies(['profile', 'remove', 'Offline'])).status).toBe(0);
  });
});
