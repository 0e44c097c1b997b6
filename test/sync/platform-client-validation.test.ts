import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { platformFailure } from '../../src/engine/platform/platform-answer';
import type { PlatformClient } from '../../src/engine/platform/platform-client';
import type {
  ContentCreate,
  ContentUpdate,
  VideoAssetCreate,
} from '../../src/engine/platform/platform-schemas';
import { callStandIn, type StandInAnswer } from '../stand-ins/platform/call-stand-in';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { clientOf, editor, failureOf, INTERNAL_TOKEN } from './platform-test-kit';

/**
 * Every body the client refuses before sending is sent anyway, raw, to the stand-in: the
 * platform must refuse it too, naming the same field. So our checks never hold back a value the
 * platform would take (the few deliberate exceptions are tested on their own below).
 */
type Refusal =
  | { name: string; kind: 'upsert'; body: ContentUpdate; field: string }
  | { name: string; kind: 'create'; body: ContentCreate; field: string }
  | { name: string; kind: 'register'; body: VideoAssetCreate; field: string };

const longUrl = (length: number) => `s3://b/videos/${'v'.repeat(length - 's3://b/videos/'.length)}`;
const asset = { content_id: 1, video_url: 's3://b/videos/1_inception.mp4' };

const refusals: Refusal[] = [
  { name: 'an empty title', kind: 'upsert', body: { title: '' }, field: 'title' },
  {
    name: 'a 256-character title',
    kind: 'upsert',
    body: { title: 'a'.repeat(256) },
    field: 'title',
  },
  { name: 'an empty title on create', kind: 'create', body: { title: '' }, field: 'title' },
  {
    name: 'a 256-emoji title on create',
    kind: 'create',
    body: { title: '🎬'.repeat(256) },
    field: 'title',
  },
  {
    name: 'a negative duration',
    kind: 'register',
    body: { ...asset, duration: -1 },
    field: 'duration',
  },
  {
    name: 'a 501-character video_url',
    kind: 'register',
    body: { ...asset, video_url: longUrl(501) },
    field: 'video_url',
  },
  {
    name: 'a 501-character thumbnail_url',
    kind: 'register',
    body: { ...asset, thumbnail_url: longUrl(501) },
    field: 'thumbnail_url',
  },
  {
    name: 'a 21-character resolution',
    kind: 'register',
    body: { ...asset, resolution: '123456789012345678901' },
    field: 'resolution',
  },
];

function headersOf(answer: StandInAnswer) {
  return {
    get: (name: string) => {
      const value = answer.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : (value ?? null);
    },
  };
}

describe('what the platform client refuses before sending, the platform refuses too', () => {
  let standIn: PlatformStandIn;
  let client: PlatformClient;
  let bearer: string;

  beforeEach(async () => {
    standIn = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN, users: [editor] });
    bearer = standIn.issueToken(editor.email);
    client = clientOf(standIn, { bearer });
    await client.upsertContent(1, { title: 'Inception' });
    standIn.clearRequests();
  });
  afterEach(async () => {
    expect(standIn.unexpectedErrors).toEqual([]);
    await standIn.close();
  });

  const send = (refusal: Refusal) => {
    switch (refusal.kind) {
      case 'upsert':
        return client.upsertContent(1, refusal.body);
      case 'create':
        return client.createContent(refusal.body);
      case 'register':
        return client.registerVideoAsset(1, refusal.body);
    }
  };
  const raw = (refusal: Refusal) => {
    const internal = { 'X-Internal-Token': INTERNAL_TOKEN };
    switch (refusal.kind) {
      case 'upsert':
        return callStandIn(standIn, 'PUT', '/v1/contents/1/upsert-internal', {
          headers: internal,
          json: refusal.body,
        });
      case 'create':
        return callStandIn(standIn, 'POST', '/v1/contents', {
          headers: { Authorization: `Bearer ${bearer}` },
          json: refusal.body,
        });
      case 'register':
        return callStandIn(standIn, 'POST', '/v1/contents/1/video-assets-internal', {
          headers: internal,
          json: refusal.body,
        });
    }
  };

  it.each(refusals)(
    '$name: refused with the field named, and a 422 on that field from the platform',
    async (refusal) => {
      const refused = await failureOf(send(refusal), 'E_VALIDATION');
      expect(refused.details).toMatchObject({ fields: [{ field: refusal.field }] });
      expect(standIn.requests, 'nothing was sent').toEqual([]);

      const answer = await raw(refusal);
      expect(answer.status).toBe(422);
      const mapped = platformFailure(
        { auth: refusal.kind === 'create' ? 'bearer' : 'internal-token', subject: 'content 1' },
        { status: answer.status, headers: headersOf(answer), text: answer.text },
        { nowMs: 0, redact: (value) => value },
      );
      expect(mapped.code).toBe('E_VALIDATION');
      expect(mapped.retryable).toBe(false);
      expect(mapped.details?.problems).toEqual([
        expect.objectContaining({ loc: ['body', refusal.field] }),
      ]);
      expect(mapped.message).toContain(`${refusal.field}: `);
    },
  );

  it('a body content_id that differs from the path is refused; the platform says 400 Content ID mismatch', async () => {
    await client.upsertContent(2, {});
    standIn.clearRequests();
    const refused = await failureOf(
      client.registerVideoAsset(1, { ...asset, content_id: 2 }),
      'E_VALIDATION',
    );
    expect(refused.details).toMatchObject({ fields: [{ field: 'content_id' }] });
    expect(standIn.requests).toEqual([]);

    const answer = await callStandIn(standIn, 'POST', '/v1/contents/1/video-assets-internal', {
      headers: { 'X-Internal-Token': INTERNAL_TOKEN },
      json: { ...asset, content_id: 2 },
    });
    expect(answer.status).toBe(400);
    const mapped = platformFailure(
      { auth: 'internal-token', subject: 'content 1' },
      { status: answer.status, headers: headersOf(answer), text: answer.text },
      { nowMs: 0, redact: (value) => value },
    );
    expect(mapped.toValue()).toMatchObject({
      code: 'E_VALIDATION',
      retryable: false,
      details: { status: 400, platformDetail: 'Content ID mismatch' },
    });
  });

  it('counts characters as the platform does: a 255-emoji title is sent and stored', async () => {
    const title = '🎬'.repeat(255);
    expect((await client.upsertContent(1, { title })).title).toBe(title);
  });

  it('sends a whitespace title, 0 s duration and 500-character urls, which the platform accepts', async () => {
    expect((await client.upsertContent(1, { title: '   ' })).title).toBe('   ');
    const registered = await client.registerVideoAsset(1, {
      ...asset,
      video_url: longUrl(500),
      thumbnail_url: longUrl(500),
      duration: 0,
      resolution: '12345678901234567890',
    });
    expect(registered.duration).toBe(0);
  });

  describe('our own stricter rules, where the platform would store nonsense', () => {
    it('refuses an age rating other than ALL, 12+, 15+ and 18+', async () => {
      for (const age_rating of ['PG', 'THIS-IS-LONGER-THAN-10']) {
        const refused = await failureOf(
          client.upsertContent(1, { title: 'T', age_rating } as never),
          'E_VALIDATION',
        );
        expect(refused.details).toMatchObject({ fields: [{ field: 'age_rating' }] });
      }
      // The development platform stores either; a production database fails on the long one.
      const answer = await callStandIn(standIn, 'PUT', '/v1/contents/1/upsert-internal', {
        headers: { 'X-Internal-Token': INTERNAL_TOKEN },
        json: { age_rating: 'PG' },
      });
      expect(answer.status).toBe(200);
    });

    it('refuses unknown fields, a non-finite duration and content ids the platform would store (0, -7)', async () => {
      await failureOf(client.upsertContent(1, { title: 'T', bogus: 1 } as never), 'E_VALIDATION');
      await failureOf(
        client.registerVideoAsset(1, { ...asset, duration: Number.POSITIVE_INFINITY }),
        'E_VALIDATION',
      );
      await failureOf(
        client.registerVideoAsset(1, { ...asset, duration: Number.NaN }),
        'E_VALIDATION',
      );
      await failureOf(client.upsertContent(0, { title: 'T' }), 'E_VALIDATION');
      await failureOf(client.upsertContent(-7, { title: 'T' }), 'E_VALIDATION');
      expect(standIn.requests).toEqual([]);
    });
  });
});
