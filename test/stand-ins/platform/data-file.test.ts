import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startPlatformStandIn,
  type PlatformData,
  type PlatformStandIn,
  type PlatformStandInOptions,
} from '../../../src/stand-ins/platform';
import { tempDir } from '../../helpers/temp-dir';
import { callStandIn } from './call-stand-in';

const TOKEN = 'demo-internal-token';
const internal = { 'X-Internal-Token': TOKEN };
const editor = { email: 'editor@example.com', password: 'dailies' };
/** The read-back routes of docs/PLATFORM_API.md, as text: a restart must answer byte for byte. */
const READ_BACK = [
  '/v1/contents',
  '/v1/contents?skip=1&limit=1',
  '/v1/contents/1',
  '/v1/contents/7',
  '/v1/contents/1/video-assets',
  '/v1/contents/1/video-assets/1',
  '/v1/contents/7/video-assets',
  '/v1/contents/7/video-assets/2',
];

describe('the platform stand-in with a data file', () => {
  const running: PlatformStandIn[] = [];
  let clock = new Date('2026-12-06T10:00:00Z');
  const start = async (options: PlatformStandInOptions) => {
    const standIn = await startPlatformStandIn({ now: () => clock, ...options });
    running.push(standIn);
    return standIn;
  };
  const stop = async (standIn: PlatformStandIn) => {
    expect(standIn.unexpectedErrors).toEqual([]);
    running.splice(running.indexOf(standIn), 1);
    await standIn.close();
  };
  afterEach(async () => {
    for (const standIn of running.splice(0)) await standIn.close();
  });

  async function readBack(standIn: PlatformStandIn): Promise<string[]> {
    const answers: string[] = [];
    for (const route of READ_BACK) {
      const answer = await callStandIn(standIn, 'GET', route);
      expect(answer.status, route).toBe(200);
      answers.push(answer.text);
    }
    return answers;
  }

  async function createContent(standIn: PlatformStandIn, bearer: string, title: string) {
    const answer = await callStandIn(standIn, 'POST', '/v1/contents', {
      headers: { Authorization: `Bearer ${bearer}` },
      json: { title },
    });
    expect(answer.status).toBe(201);
    return answer.body as { id: number };
  }

  it('keeps what was registered across a restart, and goes on with the next ids', async () => {
    const dataFile = path.join(tempDir(), 'platform', 'data.json');
    clock = new Date('2026-12-06T10:00:00Z');
    const first = await start({ dataFile, internalToken: TOKEN, users: [editor] });
    expect(fs.existsSync(dataFile)).toBe(true);

    const bearer = first.issueToken(editor.email, 3600);
    expect(await createContent(first, bearer, 'Inception')).toMatchObject({ id: 1 });
    await callStandIn(first, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: internal,
      json: { description: 'Dreams within dreams', age_rating: '12+' },
    });
    await callStandIn(first, 'PUT', '/v1/contents/7/upsert-internal', {
      headers: internal,
      json: { title: 'Tenet' },
    });
    for (const [id, slug] of [
      [1, 'inception'],
      [7, 'tenet'],
    ] as const) {
      const registered = await callStandIn(
        first,
        'POST',
        `/v1/contents/${id}/video-assets-internal`,
        {
          headers: internal,
          json: {
            content_id: id,
            video_url: `s3://origin/videos/${id}_${slug}.mp4`,
            thumbnail_url: `s3://origin/thumbnails/thumb_${id}_${slug}.jpg`,
            duration: 8880.5,
            resolution: '1080p',
          },
        },
      );
      expect(registered.status).toBe(201);
    }
    const before = await readBack(first);
    await stop(first);

    // Only the finished file is left beside it, readable by its owner alone, and it holds the
    // platform's records and nothing secret: accounts and tokens are given at each start.
    expect(fs.readdirSync(path.dirname(dataFile))).toEqual(['data.json']);
    if (process.platform !== 'win32') expect(fs.statSync(dataFile).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(dataFile, 'utf8');
    for (const secret of [TOKEN, editor.password, bearer]) expect(text).not.toContain(secret);
    const saved = JSON.parse(text) as PlatformData;
    expect(Object.keys(saved).sort()).toEqual([
      'contents',
      'nextContentId',
      'nextVideoAssetId',
      'version',
      'videoAssets',
    ]);
    expect(saved).toMatchObject({ version: 1, nextContentId: 8, nextVideoAssetId: 3 });
    expect(saved.contents.map((c) => c.id)).toEqual([1, 7]);

    // Later, with this run's token and accounts.
    clock = new Date('2026-12-06T10:30:00Z');
    const second = await start({ dataFile, internalToken: TOKEN, users: [editor] });
    expect(await readBack(second)).toEqual(before);
    const login = await callStandIn(second, 'POST', '/v1/auth/login', { json: editor });
    expect(login.status).toBe(200);
    const bearerAfter = (login.body as { access_token: string }).access_token;

    expect(await createContent(second, bearerAfter, 'Memento')).toMatchObject({
      id: 8,
      created_at: '2026-12-06T10:30:00',
    });
    const another = await callStandIn(second, 'POST', '/v1/contents/8/video-assets-internal', {
      headers: internal,
      json: { content_id: 8, video_url: 's3://origin/videos/8_memento.mp4' },
    });
    expect(another.body).toMatchObject({ id: 3, content_id: 8 });
    await stop(second);

    const third = await start({ dataFile });
    expect((await callStandIn(third, 'GET', '/v1/contents/8')).body).toMatchObject({
      title: 'Memento',
    });
    expect(third.store.snapshot()).toMatchObject({ nextContentId: 9, nextVideoAssetId: 4 });
  });

  it('saves changes made through the store and the API alike, and never a credential', async () => {
    const dataFile = path.join(tempDir(), 'data.json');
    const first = await start({ dataFile, internalToken: TOKEN, users: [editor] });
    first.store.putContent({ id: 3, title: 'Seeded' });
    first.setInternalToken('rotated-token');
    first.addUser({ email: 'second@example.com', password: 'second-password' });
    expect(readData(dataFile)).toMatchObject({
      contents: [expect.objectContaining({ id: 3, title: 'Seeded' })],
    });
    const text = fs.readFileSync(dataFile, 'utf8');
    for (const secret of [TOKEN, 'rotated-token', editor.password, 'second-password'])
      expect(text).not.toContain(secret);
    first.store.deleteContent(3);
    expect(readData(dataFile).contents).toEqual([]);
    await stop(first);
  });

  it('goes on from the counters the file holds, even past the largest id in it', async () => {
    const dataFile = path.join(tempDir(), 'data.json');
    const first = await start({ dataFile, internalToken: TOKEN, users: [editor] });
    first.store.putContent({ id: 1 });
    await stop(first);
    fs.writeFileSync(
      dataFile,
      JSON.stringify({ ...readData(dataFile), nextContentId: 20, nextVideoAssetId: 30 }),
    );

    const second = await start({ dataFile, internalToken: TOKEN, users: [editor] });
    const bearer = second.issueToken(editor.email);
    expect(await createContent(second, bearer, 'After a purge')).toMatchObject({ id: 20 });
    const asset = await callStandIn(second, 'POST', '/v1/contents/20/video-assets-internal', {
      headers: internal,
      json: { content_id: 20, video_url: 's3://origin/videos/20_after-a-purge.mp4' },
    });
    expect(asset.body).toMatchObject({ id: 30 });
    second.store.clear();
    expect(second.store.snapshot()).toEqual({
      contents: [],
      videoAssets: [],
      nextContentId: 1,
      nextVideoAssetId: 1,
    });
  });

  it('starts empty on a missing file and refuses a damaged one rather than overwrite it', async () => {
    const dir = tempDir();
    const fresh = await start({ dataFile: path.join(dir, 'new.json') });
    expect(fresh.store.contents()).toEqual([]);
    expect(readData(path.join(dir, 'new.json'))).toMatchObject({ contents: [], nextContentId: 1 });

    const damaged = path.join(dir, 'damaged.json');
    fs.writeFileSync(damaged, '{"version": 1, "contents": [');
    await expect(startPlatformStandIn({ dataFile: damaged })).rejects.toThrow(/not JSON/);
    fs.writeFileSync(damaged, JSON.stringify({ version: 2 }));
    await expect(startPlatformStandIn({ dataFile: damaged })).rejects.toThrow(/not one it wrote/);
    expect(fs.readFileSync(damaged, 'utf8')).toBe(JSON.stringify({ version: 2 }));
  });
});

function readData(file: string): PlatformData {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PlatformData;
}
