import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callStandIn } from '../stand-ins/platform/call-stand-in';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { clientOf, editor, expectNoSecrets, failureOf, INTERNAL_TOKEN } from './platform-test-kit';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

describe('the platform client against the platform stand-in', () => {
  let standIn: PlatformStandIn;

  beforeEach(async () => {
    standIn = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN, users: [editor] });
  });
  afterEach(async () => {
    expect(standIn.unexpectedErrors).toEqual([]);
    await standIn.close();
  });

  it('reads health and readiness', async () => {
    const client = clientOf(standIn);
    expect(await client.health()).toEqual({ status: 'healthy' });
    expect(await client.readiness()).toEqual({ status: 'ready' });
  });

  it('signs in, tells who is signed in with the expiry on our clock, and signs out', async () => {
    const client = clientOf(standIn);
    const signIn = await client.login({ email: editor.email, password: editor.password });
    expect(signIn.tokenType).toBe('bearer');
    expect(signIn.expiresAt).toBe(Date.parse('2026-11-23T09:00:00Z') + signIn.expiresIn * 1000);

    const signedIn = clientOf(standIn, { bearer: signIn.accessToken });
    const me = await signedIn.me();
    expect(me).toMatchObject({ email: editor.email, name: 'Mina Park', roles: ['editor'] });
    expect(me.token_info.exp - me.token_info.iat).toBe(signIn.expiresIn);
    expect((await signedIn.logout()).message).toMatch(/Logged out successfully/);
  });

  it('creates a content signed in, then reads it back, alone and in the paged list', async () => {
    const bearer = standIn.issueToken(editor.email);
    const client = clientOf(standIn, { bearer });
    const created = await client.createContent({ title: 'Inception', age_rating: '15+' });
    expect(created).toMatchObject({ title: 'Inception', age_rating: '15+', like_count: 0 });
    expect(created.created_at).toMatch(TIMESTAMP);
    const second = await client.createContent({ title: 'Tenet', description: 'Time.' });
    expect(second.id).not.toBe(created.id);

    expect(await client.getContent(created.id)).toEqual(created);
    expect((await client.listContents()).map((c) => c.title)).toEqual(['Inception', 'Tenet']);
    expect((await client.listContents({ skip: 1, limit: 1 })).map((c) => c.id)).toEqual([
      second.id,
    ]);
  });

  it('upserts content and registers its video asset idempotently, as a sync does', async () => {
    const client = clientOf(standIn);
    const content = await client.upsertContent(7, {
      title: '인셉션',
      description: 'A dream within a dream',
      age_rating: '15+',
    });
    expect(content).toMatchObject({ id: 7, title: '인셉션', age_rating: '15+' });
    const updated = await client.upsertContent(7, { description: 'Director’s cut' });
    expect(updated).toMatchObject({ title: '인셉션', description: 'Director’s cut' });

    const asset = {
      content_id: 7,
      video_url: 's3://origin-bucket/videos/7_asset-1a2b3c4d.mp4',
      thumbnail_url: 's3://origin-bucket/thumbnails/thumb_7_asset-1a2b3c4d.jpg',
      duration: 12.48,
      resolution: '1080p',
    };
    const first = await client.registerVideoAsset(7, asset);
    expect(first).toMatchObject(asset);
    const again = await client.registerVideoAsset(7, { ...asset, duration: 12.5 });
    expect(again.id).toBe(first.id);
    expect(again.duration).toBe(12.5);

    expect(await client.listVideoAssets(7)).toEqual([again]);
    expect(await client.listVideoAssets(8)).toEqual([]);
    expect(await client.getVideoAsset(7, first.id)).toEqual(again);
    expect(standIn.store.contents()).toHaveLength(1);
    expect(standIn.store.videoAssets()).toHaveLength(1);
  });

  it('accepts content id 2147483647 and refuses 2147483648 before sending, which the platform would crash on', async () => {
    const client = clientOf(standIn);
    expect((await client.upsertContent(2_147_483_647, { title: 'Edge' })).id).toBe(2_147_483_647);

    standIn.clearRequests();
    const refused = await failureOf(
      client.upsertContent(2_147_483_648, { title: 'Big' }),
      'E_VALIDATION',
    );
    expect(refused.details).toMatchObject({ fields: [{ field: 'content_id' }] });
    await failureOf(client.getContent(0), 'E_VALIDATION');
    await failureOf(client.getContent(1.5), 'E_VALIDATION');
    expect(standIn.requests).toEqual([]);

    // Why: the platform's SQL integer overflows into a plain-text 500.
    const raw = await callStandIn(standIn, 'PUT', '/v1/contents/2147483648/upsert-internal', {
      headers: { 'X-Internal-Token': INTERNAL_TOKEN },
      json: { title: 'Big' },
    });
    expect(raw.status).toBe(500);
  });

  describe('the internal token check', () => {
    it('passes with the right token and writes nothing', async () => {
      await clientOf(standIn).checkInternalToken();
      expect(standIn.store.contents()).toEqual([]);
      expect(standIn.requests.at(-1)).toMatchObject({ method: 'PUT', status: 422 });
    });

    it('fails with a wrong token as E_PLATFORM_AUTH without showing the token', async () => {
      const wrong = 'wrong-internal-token-123456';
      const client = clientOf(standIn, { internalToken: () => wrong });
      const error = await failureOf(client.checkInternalToken(), 'E_PLATFORM_AUTH');
      expect(error.message).toMatch(/internal token was refused/);
      expect(error.retryable).toBe(false);
      expectNoSecrets(error, wrong, INTERNAL_TOKEN);
    });
  });

  describe('maps the platform refusals to error values', () => {
    it('a wrong internal token on upsert and on register is E_PLATFORM_AUTH, not retryable', async () => {
      const client = clientOf(standIn, { internalToken: () => 'not-the-token-999' });
      const upsert = await failureOf(
        client.upsertContent(1, { title: 'Hacked' }),
        'E_PLATFORM_AUTH',
      );
      expect(upsert.message).toMatch(/^The internal token was refused/);
      expect(upsert.details).toMatchObject({ status: 401, auth: 'internal-token' });
      expect(upsert.retryable).toBe(false);
      const register = await failureOf(
        client.registerVideoAsset(1, { content_id: 1, video_url: 's3://b/videos/1_a.mp4' }),
        'E_PLATFORM_AUTH',
      );
      expectNoSecrets(register, 'not-the-token-999');
      expect(standIn.store.contents()).toEqual([]);
    });

    it('a missing internal token or sign-in is refused before sending', async () => {
      const client = clientOf(standIn, { internalToken: () => undefined });
      const noToken = await failureOf(client.upsertContent(1, { title: 'X' }), 'E_PLATFORM_AUTH');
      expect(noToken.message).toMatch(/no internal token/);
      await failureOf(
        clientOf(standIn, { internalToken: () => '' }).checkInternalToken(),
        'E_PLATFORM_AUTH',
      );
      const notSignedIn = await failureOf(client.createContent({ title: 'X' }), 'E_PLATFORM_AUTH');
      expect(notSignedIn.message).toMatch(/Sign in/);
      await failureOf(client.me(), 'E_PLATFORM_AUTH');
      expect(standIn.requests).toEqual([]);
    });

    it('an invalid or expired bearer token is E_PLATFORM_AUTH asking to sign in again', async () => {
      const client = clientOf(standIn, { bearer: 'abc.def.ghi' });
      const me = await failureOf(client.me(), 'E_PLATFORM_AUTH');
      expect(me.message).toMatch(/Sign in again/);
      expect(me.details).toMatchObject({ status: 401, auth: 'bearer' });
      await failureOf(client.createContent({ title: 'X' }), 'E_PLATFORM_AUTH');
      expect(standIn.store.contents()).toEqual([]);
    });

    it('a wrong password is E_PLATFORM_AUTH and the password shows nowhere', async () => {
      const error = await failureOf(
        clientOf(standIn).login({ email: editor.email, password: 'wrong password 42' }),
        'E_PLATFORM_AUTH',
      );
      expect(error.message).toBe('The platform did not accept this email and password.');
      expectNoSecrets(error, 'wrong password 42');
    });

    it('unknown content and assets are E_NOT_FOUND that name what was missing', async () => {
      const client = clientOf(standIn);
      const content = await failureOf(client.getContent(999), 'E_NOT_FOUND');
      expect(content.message).toBe('The platform has no content 999.');
      await client.upsertContent(1, {});
      const asset = await failureOf(client.getVideoAsset(1, 5), 'E_NOT_FOUND');
      expect(asset.message).toMatch(/video asset 5 of content 1/);
      const register = await failureOf(
        client.registerVideoAsset(999, { content_id: 999, video_url: 's3://b/videos/999_a.mp4' }),
        'E_NOT_FOUND',
      );
      expect(register.details).toMatchObject({ status: 404, platformDetail: 'Content not found' });
    });

    it('a base URL without the /api part is E_NOT_FOUND that points at the base URL', async () => {
      const client = clientOf(standIn, { baseUrl: new URL(standIn.baseUrl).origin });
      const error = await failureOf(client.health(), 'E_NOT_FOUND');
      expect(error.message).toMatch(/API base URL/);
    });

    it('the identity server being down is a retryable E_NETWORK on sign-in', async () => {
      standIn.setIdentityServer('unreachable');
      const error = await failureOf(
        clientOf(standIn).login({ email: editor.email, password: editor.password }),
        'E_NETWORK',
      );
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/sign-in service cannot be reached/);
      expect(error.details).toMatchObject({ status: 500 });
    });

    it("the platform's database being down is a retryable E_NETWORK", async () => {
      standIn.setDatabaseDown(true);
      const client = clientOf(standIn);
      const login = await failureOf(
        client.login({ email: editor.email, password: editor.password }),
        'E_NETWORK',
      );
      expect(login.details).toMatchObject({ status: 503 });
      expect(login.retryable).toBe(true);
      const ready = await failureOf(client.readiness(), 'E_NETWORK');
      expect(ready.retryable).toBe(true);
      const upsert = await failureOf(client.upsertContent(1, { title: 'X' }), 'E_NETWORK');
      expect(upsert.retryable).toBe(true);
      standIn.setDatabaseDown(false);
      expect((await client.upsertContent(1, { title: 'X' })).title).toBe('X');
    });
  });
});
