import { afterEach, describe, expect, it } from 'vitest';
import { callStandIn } from './call-stand-in';
import {
  startPlatformStandIn,
  type PlatformStandIn,
  type PlatformStandInOptions,
} from '../../../src/stand-ins/platform';

const TOKEN = 'token';
const internal = { 'X-Internal-Token': TOKEN };

describe('the platform stand-in', () => {
  let standIn: PlatformStandIn | undefined;
  let clock = new Date('2026-11-23T09:01:22.750Z');
  const start = async (options: PlatformStandInOptions = {}) => {
    clock = new Date('2026-11-23T09:01:22.750Z');
    standIn = await startPlatformStandIn({ internalToken: TOKEN, now: () => clock, ...options });
    return standIn;
  };
  afterEach(async () => {
    if (!standIn) return;
    expect(standIn.unexpectedErrors).toEqual([]);
    await standIn.close();
    standIn = undefined;
  });

  it('listens on loopback with a base URL that ends in /api, answering health and readiness', async () => {
    const s = await start();
    expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect((await callStandIn(s, 'GET', '/v1/health')).body).toEqual({ status: 'healthy' });
    expect((await callStandIn(s, 'GET', '/v1/health/ready')).body).toEqual({ status: 'ready' });
  });

  it('creates a content on upsert with the defaults, then updates only the fields sent with a value', async () => {
    const s = await start();
    const created = await callStandIn(s, 'PUT', '/v1/contents/42/upsert-internal', {
      headers: internal,
      json: {},
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      title: 'Content 42',
      description: '',
      age_rating: 'ALL',
      id: 42,
      like_count: 0,
      created_at: '2026-11-23T09:01:22',
      updated_at: '2026-11-23T09:01:22',
    });
    clock = new Date('2026-11-23T09:05:00Z');
    await callStandIn(s, 'PUT', '/v1/contents/42/upsert-internal', {
      headers: internal,
      json: { title: 'Tenet', description: null, age_rating: '12+' },
    });
    expect(s.store.content(42)).toMatchObject({
      title: 'Tenet',
      description: '',
      age_rating: '12+',
      created_at: '2026-11-23T09:01:22',
      updated_at: '2026-11-23T09:05:00',
    });
  });

  it('moves updated_at only when an upsert changes something', async () => {
    const s = await start();
    s.store.putContent({ id: 1, title: 'Inception', updated_at: '2026-01-01T00:00:00' });
    await callStandIn(s, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: internal,
      json: { title: 'Inception' },
    });
    expect(s.store.content(1)?.updated_at).toBe('2026-01-01T00:00:00');
    await callStandIn(s, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: internal,
      json: { title: 'Memento' },
    });
    expect(s.store.content(1)?.updated_at).toBe('2026-11-23T09:01:22');
  });

  it('keys video assets by content and URL: a repeat updates in place and keeps the id', async () => {
    const s = await start();
    s.store.putContent({ id: 1 });
    const register = (json: unknown) =>
      callStandIn(s, 'POST', '/v1/contents/1/video-assets-internal', { headers: internal, json });
    const first = await register({
      content_id: 1,
      video_url: 's3://b/videos/1_a.mp4',
      duration: 12.5,
      resolution: '1080p',
    });
    expect(first.status).toBe(201);
    const again = await register({
      content_id: 1,
      video_url: 's3://b/videos/1_a.mp4',
      thumbnail_url: 's3://b/t.jpg',
      duration: null,
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      id: (first.body as { id: number }).id,
      duration: 12.5,
      thumbnail_url: 's3://b/t.jpg',
      resolution: '1080p',
    });
    await register({ content_id: 1, video_url: 's3://b/videos/1_b.mp4' });
    expect(s.store.videoAssets(1).map((a) => [a.id, a.video_url])).toEqual([
      [1, 's3://b/videos/1_a.mp4'],
      [2, 's3://b/videos/1_b.mp4'],
    ]);
  });

  it('serves seeded state and lets tests read what requests stored, as copies', async () => {
    const s = await start();
    s.store.putContent({ id: 3, title: 'Changed on the web', like_count: 9 });
    s.store.putVideoAsset({ content_id: 3, video_url: 's3://b/v.mp4', duration: 1 });
    expect((await callStandIn(s, 'GET', '/v1/contents/3')).body).toMatchObject({
      title: 'Changed on the web',
      like_count: 9,
    });
    expect((await callStandIn(s, 'GET', '/v1/contents/3/video-assets/1')).text).toContain(
      '"duration":1.0',
    );
    const copy = s.store.content(3);
    if (copy) copy.title = 'mutated';
    expect(s.store.content(3)?.title).toBe('Changed on the web');
    s.store.deleteContent(3);
    expect((await callStandIn(s, 'GET', '/v1/contents/3')).status).toBe(404);
    expect(s.store.videoAssets()).toEqual([]);
  });

  it('reads back what was registered: contents, a content, its video assets and one of them', async () => {
    const s = await start();
    await callStandIn(s, 'PUT', '/v1/contents/2/upsert-internal', {
      headers: internal,
      json: { title: 'Tenet', description: 'Palindromes', age_rating: '12+' },
    });
    await callStandIn(s, 'PUT', '/v1/contents/1/upsert-internal', { headers: internal, json: {} });
    const asset = await callStandIn(s, 'POST', '/v1/contents/2/video-assets-internal', {
      headers: internal,
      json: {
        content_id: 2,
        video_url: 's3://b/videos/2_tenet.mp4',
        thumbnail_url: 's3://b/thumbnails/thumb_2_tenet.jpg',
        duration: 9000,
        resolution: '4K',
      },
    });
    const tenet = {
      title: 'Tenet',
      description: 'Palindromes',
      age_rating: '12+',
      id: 2,
      like_count: 0,
      created_at: '2026-11-23T09:01:22',
      updated_at: '2026-11-23T09:01:22',
    };
    const video = {
      content_id: 2,
      video_url: 's3://b/videos/2_tenet.mp4',
      thumbnail_url: 's3://b/thumbnails/thumb_2_tenet.jpg',
      duration: 9000,
      resolution: '4K',
      id: 1,
      created_at: '2026-11-23T09:01:22',
    };
    expect(asset.body).toEqual(video);

    const all = await callStandIn(s, 'GET', '/v1/contents');
    expect((all.body as { id: number }[]).map((c) => c.id)).toEqual([1, 2]);
    expect((await callStandIn(s, 'GET', '/v1/contents?skip=1&limit=5')).body).toEqual([tenet]);
    expect((await callStandIn(s, 'GET', '/v1/contents?limit=1')).body).toMatchObject([{ id: 1 }]);
    expect((await callStandIn(s, 'GET', '/v1/contents?limit=1001')).status).toBe(422);
    expect((await callStandIn(s, 'GET', '/v1/contents/2')).body).toEqual(tenet);
    expect(await callStandIn(s, 'GET', '/v1/contents/3')).toMatchObject({
      status: 404,
      body: { detail: 'Content not found' },
    });

    const assets = await callStandIn(s, 'GET', '/v1/contents/2/video-assets');
    expect(assets.body).toEqual([video]);
    expect(assets.text).toContain('"duration":9000.0');
    expect((await callStandIn(s, 'GET', '/v1/contents/1/video-assets')).body).toEqual([]);
    expect(await callStandIn(s, 'GET', '/v1/contents/99/video-assets')).toMatchObject({
      status: 200,
      body: [],
    });
    expect((await callStandIn(s, 'GET', '/v1/contents/2/video-assets/1')).body).toEqual(video);
    for (const path of ['/v1/contents/1/video-assets/1', '/v1/contents/2/video-assets/2'])
      expect(await callStandIn(s, 'GET', path), path).toMatchObject({
        status: 404,
        body: { detail: 'Video asset not found' },
      });
  });

  it('lists contents by id with skip and limit, and refuses a negative skip like the database', async () => {
    const s = await start();
    for (const id of [5, 1, 3]) s.store.putContent({ id });
    const page = await callStandIn(s, 'GET', '/v1/contents?skip=1&limit=1');
    expect((page.body as { id: number }[]).map((c) => c.id)).toEqual([3]);
    expect((await callStandIn(s, 'GET', '/v1/contents?skip=-1')).status).toBe(500);
  });

  it('fails ids outside 32 bits with a plain 500 on every data endpoint', async () => {
    const s = await start();
    for (const path of [
      '/v1/contents/2147483648',
      '/v1/contents/-2147483649/video-assets',
      '/v1/contents/1/video-assets/99999999999',
    ]) {
      const answer = await callStandIn(s, 'GET', path);
      expect([answer.status, answer.text], path).toEqual([500, 'Internal Server Error']);
    }
  });

  it('stores a long age rating as recorded, or fails it like a 10-character column when asked', async () => {
    const lenient = await start();
    const stored = await callStandIn(lenient, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: internal,
      json: { age_rating: 'ELEVEN-CHAR' },
    });
    expect(stored.status).toBe(200);
    await lenient.close();
    const strict = await start({ enforceAgeRatingColumn: true });
    const refused = await callStandIn(strict, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: internal,
      json: { age_rating: 'ELEVEN-CHAR' },
    });
    expect([refused.status, refused.body]).toEqual([500, 'Internal Server Error']);
    expect(strict.store.contents()).toEqual([]);
  });

  it('answers 500 on data, 503 on readiness, and stays alive while its database is down', async () => {
    const s = await start();
    s.setDatabaseDown(true);
    expect((await callStandIn(s, 'GET', '/v1/contents')).status).toBe(500);
    expect(
      (
        await callStandIn(s, 'PUT', '/v1/contents/1/upsert-internal', {
          headers: internal,
          json: {},
        })
      ).status,
    ).toBe(500);
    expect((await callStandIn(s, 'GET', '/v1/health/ready')).status).toBe(503);
    expect((await callStandIn(s, 'GET', '/v1/health')).status).toBe(200);
    s.setDatabaseDown(false);
    expect((await callStandIn(s, 'GET', '/v1/contents')).status).toBe(200);
  });

  it('accepts a changed internal token from then on', async () => {
    const s = await start();
    s.setInternalToken('rotated');
    const old = await callStandIn(s, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: internal,
      json: {},
    });
    expect(old.status).toBe(401);
    const rotated = await callStandIn(s, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: { 'x-internal-token': 'rotated' },
      json: {},
    });
    expect(rotated.status).toBe(200);
    expect(s.internalToken).toBe('rotated');
  });

  it('logs every request with its headers, body and answer', async () => {
    const s = await start();
    await callStandIn(s, 'PUT', '/v1/contents/1/upsert-internal?x=1', {
      headers: internal,
      json: { title: 'T' },
    });
    await callStandIn(s, 'GET', '/v1/nope');
    expect(s.requests).toMatchObject([
      {
        method: 'PUT',
        url: '/api/v1/contents/1/upsert-internal?x=1',
        body: '{"title":"T"}',
        status: 200,
        headers: { 'x-internal-token': TOKEN, 'content-type': 'application/json' },
      },
      { method: 'GET', url: '/api/v1/nope', body: '', status: 404 },
    ]);
    s.clearRequests();
    expect(s.requests).toEqual([]);
  });

  it('routes like the platform: decoded paths, 307 for a trailing slash, 405 for HEAD', async () => {
    const s = await start();
    s.store.putContent({ id: 1 });
    expect((await callStandIn(s, 'GET', '/v1/contents/%31')).status).toBe(200);
    const slash = await callStandIn(s, 'GET', '/v1/contents/?limit=5');
    expect(slash.status).toBe(307);
    expect(slash.headers.location).toBe(`${s.baseUrl}/v1/contents?limit=5`);
    expect((await callStandIn(s, 'HEAD', '/v1/health')).status).toBe(405);
    expect((await callStandIn(s, 'GET', '/v1/contents/a%2Fb')).status).toBe(404);
  });

  it('listens on the port asked for', async () => {
    const probe = await start();
    const port = Number(new URL(probe.baseUrl).port);
    await probe.close();
    standIn = undefined;
    const s = await start({ port });
    expect(s.baseUrl).toBe(`http://127.0.0.1:${port}/api`);
    expect((await callStandIn(s, 'GET', '/v1/health')).status).toBe(200);
  });

  it('releases its port on close', async () => {
    const s = await start();
    const origin = new URL(s.baseUrl).origin;
    await s.close();
    standIn = undefined;
    await expect(fetch(`${origin}/api/v1/health`)).rejects.toThrow();
  });
});
