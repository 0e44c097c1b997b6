import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callStandIn } from './call-stand-in';
import { startPlatformStandIn, type PlatformStandIn } from '../../../src/stand-ins/platform';

/**
 * The shape of the platform's 422 (pydantic 2 via FastAPI): `{"detail": [...]}`, one entry per
 * problem with `type, loc, msg, input`, `ctx` when the rule has a parameter and `url` to the
 * docs; fields in declaration order; lax coercions as pydantic does them.
 */
const TOKEN = 'token';
const docs = (type: string) => `https://errors.pydantic.dev/2.13/v/${type}`;

describe('the platform stand-in reports validation problems as the platform does', () => {
  let standIn: PlatformStandIn;
  const registerAsset = (body: unknown, contentId = 1) =>
    callStandIn(standIn, 'POST', `/v1/contents/${contentId}/video-assets-internal`, {
      headers: { 'X-Internal-Token': TOKEN },
      json: body,
    });
  const upsertRaw = (body: string | Buffer | undefined, headers: Record<string, string>) =>
    callStandIn(standIn, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: { 'X-Internal-Token': TOKEN, ...headers },
      body,
    });

  beforeEach(async () => {
    standIn = await startPlatformStandIn({ internalToken: TOKEN });
    standIn.store.putContent({ id: 1, title: 'Inception' });
  });
  afterEach(async () => {
    expect(standIn.unexpectedErrors).toEqual([]);
    await standIn.close();
  });

  it('lists every field problem at once, in declaration order, with ctx only where a rule has a bound', async () => {
    const answer = await registerAsset({
      resolution: 'x'.repeat(21),
      duration: 'abc',
      thumbnail_url: 5,
      video_url: 'v'.repeat(501),
      content_id: 1.5,
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      detail: [
        {
          type: 'int_from_float',
          loc: ['body', 'content_id'],
          msg: 'Input should be a valid integer, got a number with a fractional part',
          input: 1.5,
          url: docs('int_from_float'),
        },
        {
          type: 'string_too_long',
          loc: ['body', 'video_url'],
          msg: 'String should have at most 500 characters',
          input: 'v'.repeat(501),
          ctx: { max_length: 500 },
          url: docs('string_too_long'),
        },
        {
          type: 'string_type',
          loc: ['body', 'thumbnail_url'],
          msg: 'Input should be a valid string',
          input: 5,
          url: docs('string_type'),
        },
        {
          type: 'float_parsing',
          loc: ['body', 'duration'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: 'abc',
          url: docs('float_parsing'),
        },
        {
          type: 'string_too_long',
          loc: ['body', 'resolution'],
          msg: 'String should have at most 20 characters',
          input: 'x'.repeat(21),
          ctx: { max_length: 20 },
          url: docs('string_too_long'),
        },
      ],
    });
  });

  it('echoes the whole body as the input of a missing field', async () => {
    const answer = await registerAsset({ video_url: 's3://b/v.mp4', extra: [1] });
    expect(answer.body).toEqual({
      detail: [
        {
          type: 'missing',
          loc: ['body', 'content_id'],
          msg: 'Field required',
          input: { video_url: 's3://b/v.mp4', extra: [1] },
          url: docs('missing'),
        },
      ],
    });
  });

  it('coerces as pydantic does: numeric strings, whole floats and booleans are ints', async () => {
    for (const contentId of ['1', ' 1 ', '1.0', 1.0, true]) {
      const answer = await registerAsset({ content_id: contentId, video_url: 's3://b/v.mp4' });
      expect(answer.status, JSON.stringify(contentId)).toBe(201);
    }
    const asset = await registerAsset({
      content_id: 1,
      video_url: 's3://b/w.mp4',
      duration: '2.5',
    });
    expect(asset.body).toMatchObject({ duration: 2.5 });
    expect(asset.text).toContain('"duration":2.5');
    const whole = await registerAsset({ content_id: 1, video_url: 's3://b/w.mp4', duration: 3 });
    expect(whole.text).toContain('"duration":3.0');
  });

  it('refuses NaN for a duration that must be at least 0, and a null for a required string', async () => {
    const nan = await callStandIn(standIn, 'POST', '/v1/contents/1/video-assets-internal', {
      headers: { 'X-Internal-Token': TOKEN, 'Content-Type': 'application/json' },
      body: '{"content_id":1,"video_url":null,"duration":"nan"}',
    });
    expect((nan.body as { detail: { type: string; loc: unknown[] }[] }).detail).toMatchObject([
      { type: 'string_type', loc: ['body', 'video_url'], input: null },
      { type: 'greater_than_equal', loc: ['body', 'duration'], input: 'nan', ctx: { ge: 0 } },
    ]);
  });

  it('counts string length in characters, not UTF-16 units', async () => {
    const emoji = '😀'.repeat(255);
    const answer = await callStandIn(standIn, 'PUT', '/v1/contents/1/upsert-internal', {
      headers: { 'X-Internal-Token': TOKEN },
      json: { title: emoji },
    });
    expect(answer.status).toBe(200);
    expect(standIn.store.content(1)?.title).toBe(emoji);
  });

  it('treats no body and a JSON null alike: the body is missing', async () => {
    const expected = {
      detail: [
        {
          type: 'missing',
          loc: ['body'],
          msg: 'Field required',
          input: null,
          url: docs('missing'),
        },
      ],
    };
    expect((await upsertRaw(undefined, {})).body).toEqual(expected);
    expect((await upsertRaw('', { 'Content-Type': 'application/json' })).body).toEqual(expected);
    expect((await upsertRaw('null', { 'Content-Type': 'application/json' })).body).toEqual(
      expected,
    );
  });

  it('does not read a body without a JSON content type as JSON', async () => {
    for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded']) {
      const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
      const answer = await upsertRaw('{"title":"Inception"}', headers);
      expect(answer.body).toEqual({
        detail: [
          {
            type: 'model_attributes_type',
            loc: ['body'],
            msg: 'Input should be a valid dictionary or object to extract fields from',
            input: '{"title":"Inception"}',
            url: docs('model_attributes_type'),
          },
        ],
      });
    }
    for (const contentType of ['application/json; charset=utf-8', 'application/merge-patch+json']) {
      const answer = await upsertRaw('{"title":"Inception"}', { 'Content-Type': contentType });
      expect(answer.status, contentType).toBe(200);
    }
  });

  it('answers a body that is not UTF-8 with 400, not a JSON error', async () => {
    const answer = await upsertRaw(Buffer.from([0x7b, 0xff, 0x7d]), {
      'Content-Type': 'application/json',
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ detail: 'There was an error parsing the body' });
  });

  it('counts JSON error positions in characters', async () => {
    const answer = await upsertRaw('{"title": "Amélie 😀",', {
      'Content-Type': 'application/json',
    });
    expect(answer.body).toMatchObject({ detail: [{ type: 'json_invalid', loc: ['body', 21] }] });
  });

  it('validates query parameters with the input as the string sent', async () => {
    const answer = await callStandIn(standIn, 'GET', '/v1/contents?skip=a&limit=1001');
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      detail: [
        {
          type: 'int_parsing',
          loc: ['query', 'skip'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'a',
          url: docs('int_parsing'),
        },
        {
          type: 'less_than_equal',
          loc: ['query', 'limit'],
          msg: 'Input should be less than or equal to 1000',
          input: '1001',
          ctx: { le: 1000 },
          url: docs('less_than_equal'),
        },
      ],
    });
  });

  it('checks every path parameter', async () => {
    const answer = await callStandIn(standIn, 'GET', '/v1/contents/a/video-assets/b');
    expect((answer.body as { detail: { loc: unknown[] }[] }).detail.map((d) => d.loc)).toEqual([
      ['path', 'content_id'],
      ['path', 'asset_id'],
    ]);
  });
});
