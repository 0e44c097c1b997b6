import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callStandIn } from './call-stand-in';
import { startPlatformStandIn, type PlatformStandIn } from '../../../src/stand-ins/platform';

/**
 * PLATFORM_API.md's order of checks on the internal endpoints: 1. route and method; 2. JSON
 * parsing; 3. a present but wrong token is a 401 at once, a missing one is collected; 4. path
 * and body validation, all in one 422; 5. the endpoint's own 404/400. Each test pits two
 * neighbouring steps against each other.
 */
const TOKEN = 'right-token';
const missingHeader = {
  type: 'missing',
  loc: ['header', 'X-Internal-Token'],
  msg: 'Field required',
  input: null,
  url: 'https://errors.pydantic.dev/2.13/v/missing',
};
const badPath = {
  type: 'int_parsing',
  loc: ['path', 'content_id'],
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  input: 'x',
  url: 'https://errors.pydantic.dev/2.13/v/int_parsing',
};
const emptyTitle = {
  type: 'string_too_short',
  loc: ['body', 'title'],
  msg: 'String should have at least 1 character',
  input: '',
  ctx: { min_length: 1 },
  url: 'https://errors.pydantic.dev/2.13/v/string_too_short',
};

describe('the order in which the platform stand-in checks a request', () => {
  let standIn: PlatformStandIn;
  const upsert = (id: string, call: Parameters<typeof callStandIn>[3]) =>
    callStandIn(standIn, 'PUT', `/v1/contents/${id}/upsert-internal`, call);

  beforeEach(async () => {
    standIn = await startPlatformStandIn({ internalToken: TOKEN });
  });
  afterEach(async () => {
    expect(standIn.unexpectedErrors).toEqual([]);
    await standIn.close();
  });

  it('answers a wrong method 405 before looking at the token or the body', async () => {
    const answer = await callStandIn(standIn, 'POST', '/v1/contents/1/upsert-internal', {
      headers: { 'X-Internal-Token': 'wrong', 'Content-Type': 'application/json' },
      body: '{broken',
    });
    expect(answer.status).toBe(405);
    expect(answer.body).toEqual({ detail: 'Method Not Allowed' });
    expect(answer.headers.allow).toBe('PUT');
  });

  it('answers an unknown route 404 whatever it carries', async () => {
    const answer = await callStandIn(standIn, 'PUT', '/v1/contents/1/upsert', {
      headers: { 'X-Internal-Token': TOKEN },
      json: {},
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ detail: 'Not Found' });
  });

  it('answers malformed JSON 422 even with a wrong token or none', async () => {
    for (const headers of [{ 'X-Internal-Token': 'wrong' }, {}] as Record<string, string>[]) {
      const answer = await upsert('x', {
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{"title": "Inception",',
      });
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        detail: [
          {
            type: 'json_invalid',
            loc: ['body', 22],
            msg: 'JSON decode error',
            input: {},
            ctx: { error: 'Expecting property name enclosed in double quotes' },
          },
        ],
      });
    }
  });

  it('answers a wrong or empty token 401 at once, before path and body errors', async () => {
    for (const token of ['wrong', '']) {
      const answer = await upsert('x', {
        headers: { 'X-Internal-Token': token },
        json: { title: '' },
      });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ detail: 'Invalid internal token' });
    }
  });

  it('collects a missing token with the path and body errors, in that order, in one 422', async () => {
    const answer = await upsert('x', { json: { title: '' } });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ detail: [missingHeader, badPath, emptyTitle] });
  });

  it('stores nothing when only the token is missing', async () => {
    const answer = await upsert('7', { json: { title: 'Inception' } });
    expect(answer.body).toEqual({ detail: [missingHeader] });
    expect(standIn.store.contents()).toEqual([]);
  });

  it('validates the body before looking the content up (422 before 404)', async () => {
    const answer = await callStandIn(standIn, 'POST', '/v1/contents/999/video-assets-internal', {
      headers: { 'X-Internal-Token': TOKEN },
      json: { content_id: 2, video_url: 'x', duration: -1 },
    });
    expect(answer.status).toBe(422);
    expect((answer.body as { detail: { type: string }[] }).detail.map((d) => d.type)).toEqual([
      'greater_than_equal',
    ]);
  });

  it('answers a missing content 404 before an id mismatch 400', async () => {
    const register = (path: number, body: number) =>
      callStandIn(standIn, 'POST', `/v1/contents/${path}/video-assets-internal`, {
        headers: { 'X-Internal-Token': TOKEN },
        json: { content_id: body, video_url: 's3://b/v.mp4' },
      });
    expect((await register(5, 6)).body).toEqual({ detail: 'Content not found' });
    standIn.store.putContent({ id: 5 });
    const mismatch = await register(5, 6);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toEqual({ detail: 'Content ID mismatch' });
  });

  it('reaches the database with an id beyond 32 bits only after validation, then fails with 500', async () => {
    const withoutToken = await upsert('2147483648', { json: { title: '' } });
    expect(withoutToken.status).toBe(422);
    const withToken = await upsert('2147483648', {
      headers: { 'X-Internal-Token': TOKEN },
      json: { title: 'Big' },
    });
    expect(withToken.status).toBe(500);
    expect(withToken.headers['content-type']).toMatch(/^text\/plain/);
    expect(withToken.body).toBe('Internal Server Error');
    const largest = await upsert('2147483647', {
      headers: { 'X-Internal-Token': TOKEN },
      json: { title: 'Largest' },
    });
    expect(largest.status).toBe(200);
  });

  it('checks a bearer before the body on an authenticated endpoint, but after JSON parsing', async () => {
    const noHeader = await callStandIn(standIn, 'POST', '/v1/contents', { json: { title: '' } });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body).toEqual({ detail: 'Not authenticated' });
    const malformed = await callStandIn(standIn, 'POST', '/v1/contents', {
      headers: { 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(422);
  });

  it('lets a client check its internal token without touching data, as PLATFORM_API.md suggests', async () => {
    const right = await upsert('x', { headers: { 'X-Internal-Token': TOKEN }, json: {} });
    expect(right.status).toBe(422);
    expect((right.body as { detail: { type: string }[] }).detail[0]?.type).toBe('int_parsing');
    const wrong = await upsert('x', { headers: { 'X-Internal-Token': 'nope' }, json: {} });
    expect(wrong.status).toBe(401);
    expect(standIn.store.contents()).toEqual([]);
  });
});
