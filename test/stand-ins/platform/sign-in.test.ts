import { afterEach, describe, expect, it } from 'vitest';
import { callStandIn } from './call-stand-in';
import { startPlatformStandIn, type PlatformStandIn } from '../../../src/stand-ins/platform';

const editor = {
  email: 'mina@studio.example',
  password: 'correct horse',
  name: 'Mina Park',
  roles: ['editor'],
};
const login = (s: PlatformStandIn, email: string, password: string) =>
  callStandIn(s, 'POST', '/v1/auth/login', { json: { email, password } });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('signing in to the platform stand-in', () => {
  let standIn: PlatformStandIn | undefined;
  let clock = new Date('2026-11-23T09:00:00Z');
  const start = async () => {
    clock = new Date('2026-11-23T09:00:00Z');
    standIn = await startPlatformStandIn({
      users: [editor],
      now: () => clock,
      tokenLifetimeSeconds: 300,
    });
    return standIn;
  };
  afterEach(async () => {
    if (!standIn) return;
    expect(standIn.unexpectedErrors).toEqual([]);
    await standIn.close();
    standIn = undefined;
  });

  it('issues a JWT-shaped bearer token whose exp matches expires_in, and tells who is signed in', async () => {
    const s = await start();
    const answer = await login(s, 'Mina@Studio.example', editor.password);
    expect(answer.status).toBe(200);
    const body = answer.body as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(300);
    expect(body.access_token.split('.')).toHaveLength(3);
    const claims = claimsOf(body.access_token);
    expect(claims.exp).toBe((claims.iat as number) + 300);

    const me = await callStandIn(s, 'GET', '/v1/users/me', { headers: bearer(body.access_token) });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user_id: claims.sub,
      username: 'mina',
      email: editor.email,
      name: 'Mina Park',
      roles: ['editor'],
      token_info: {
        exp: claims.exp,
        iat: claims.iat,
        iss: `${new URL(s.baseUrl).origin}/realms/platform`,
      },
    });
  });

  it('refuses wrong credentials with the documented 401', async () => {
    const s = await start();
    for (const [email, password] of [
      [editor.email, 'wrong'],
      ['nobody@studio.example', editor.password],
    ] as const) {
      const answer = await login(s, email, password);
      expect([answer.status, answer.body]).toEqual([401, { detail: 'Invalid email or password' }]);
    }
  });

  it('reports the identity server failing (401) or unreachable (500), and the database down (503)', async () => {
    const s = await start();
    s.setIdentityServer('failing');
    expect((await login(s, editor.email, editor.password)).body).toEqual({
      detail: 'Failed to get token from Keycloak',
    });
    s.setIdentityServer('unreachable');
    const unreachable = await login(s, editor.email, editor.password);
    expect(unreachable.status).toBe(500);
    expect((unreachable.body as { detail: string }).detail).toMatch(/^Login failed: /);
    s.setIdentityServer('up');
    s.setDatabaseDown(true);
    expect((await login(s, editor.email, editor.password)).status).toBe(503);
  });

  it('answers users/me 403 without a bearer and 401 "Invalid token: ..." for a bad one', async () => {
    const s = await start();
    const none = await callStandIn(s, 'GET', '/v1/users/me');
    expect([none.status, none.body]).toEqual([403, { detail: 'Not authenticated' }]);
    const basic = await callStandIn(s, 'GET', '/v1/users/me', {
      headers: { Authorization: 'Basic abc' },
    });
    expect(basic.status).toBe(403);
    const other = await startPlatformStandIn({ users: [editor] });
    const foreign = other.issueToken(editor.email);
    await other.close();
    for (const token of ['abc.def.ghi', 'garbage', foreign]) {
      const answer = await callStandIn(s, 'GET', '/v1/users/me', { headers: bearer(token) });
      expect(answer.status, token).toBe(401);
      expect((answer.body as { detail: string }).detail).toMatch(/^Invalid token: /);
    }
  });

  it('stops accepting a token once it expires', async () => {
    const s = await start();
    const token = s.issueToken(editor.email);
    expect((await callStandIn(s, 'GET', '/v1/users/me', { headers: bearer(token) })).status).toBe(
      200,
    );
    clock = new Date(clock.getTime() + 300_000);
    const expired = await callStandIn(s, 'GET', '/v1/users/me', { headers: bearer(token) });
    expect([expired.status, expired.body]).toEqual([
      401,
      { detail: 'Invalid token: Signature has expired' },
    ]);
  });

  it('logs out without a session: the answer is documented and the token keeps working', async () => {
    const s = await start();
    const token = s.issueToken(editor.email);
    const out = await callStandIn(s, 'POST', '/v1/auth/logout', { headers: bearer(token) });
    expect(out.body).toEqual({
      message: 'Logged out successfully. Please delete the token on client side.',
    });
    expect((await callStandIn(s, 'GET', '/v1/users/me', { headers: bearer(token) })).status).toBe(
      200,
    );
  });

  it('creates a content for a signed-in editor with the next free id (201)', async () => {
    const s = await start();
    s.store.putContent({ id: 7 });
    const token = s.issueToken(editor.email);
    const created = await callStandIn(s, 'POST', '/v1/contents', {
      headers: bearer(token),
      json: { title: 'Dune' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 8,
      title: 'Dune',
      description: null,
      age_rating: null,
      like_count: 0,
    });
    expect(s.store.content(8)?.title).toBe('Dune');
    const invalid = await callStandIn(s, 'POST', '/v1/contents', {
      headers: bearer(token),
      json: { description: 'x' },
    });
    expect(invalid.status).toBe(422);
    const badToken = await callStandIn(s, 'POST', '/v1/contents', {
      headers: bearer('x.y.z'),
      json: { title: 'Dune' },
    });
    expect(badToken.status).toBe(401);
  });
});
