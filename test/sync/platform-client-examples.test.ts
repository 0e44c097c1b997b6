import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DailiesError } from '../../src/shared/contract/errors';
import {
  readPlatformAnswer,
  type PlatformExpectation,
} from '../../src/engine/platform/platform-answer';
import { createPlatformClient } from '../../src/engine/platform/platform-client';
import {
  healthSchema,
  platformContentSchema,
  platformVideoAssetSchema,
} from '../../src/engine/platform/platform-schemas';
import { sendRawRequest } from '../stand-ins/platform/send-raw-request';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import {
  dispositions,
  type Outcome,
  type Recorded,
  type ReplayClients,
} from './platform-examples-replay';
import { systemClock } from '../../src/engine/time/clock';

/**
 * docs/PLATFORM_API.md asks for the client and the stand-in to be tested against the same recorded
 * examples, so the two cannot share a misreading. Each example goes through the client twice:
 * once with a fetch that captures the request and answers with the recorded response (the
 * request must equal the recorded one; the answer must read as recorded), and once live
 * against a stand-in that replays the recording in order (same outcome).
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examplesFile = path.join(
  repositoryRoot,
  'test/fixtures/platform-examples/platform-examples.json',
);
const { examples } = JSON.parse(fs.readFileSync(examplesFile, 'utf8')) as { examples: Recorded[] };
const DEVELOPMENT_TOKEN = 'formation-lap-internal-token-2024-secret-key';
/** The headers whose presence and value change what the platform does. */
const HEADERS_THAT_MATTER = ['content-type', 'x-internal-token', 'authorization'];

interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function mattering(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .map(([name, value]) => [name.toLowerCase(), value] as const)
      .filter(([name]) => HEADERS_THAT_MATTER.includes(name)),
  );
}

function recordedAnswer(example: Recorded): Response {
  const { status, body } = example.response;
  return typeof body === 'string'
    ? new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
    : new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
}

function clientsWith(baseUrl: string, fetchImpl: typeof fetch): ReplayClients {
  const make = (token: string | undefined) =>
    createPlatformClient({
      baseUrl,
      fetch: fetchImpl,
      internalToken: () => token,
      accessToken: () => undefined,
      clock: { ...systemClock, now: () => 0 },
    });
  return {
    dev: make(DEVELOPMENT_TOKEN),
    wrongToken: make('wrong'),
    noToken: make(undefined),
    emptyToken: make(''),
  };
}

async function outcomeOf(promise: Promise<unknown>): Promise<{ outcome: Outcome; value: unknown }> {
  try {
    return { outcome: 'ok', value: await promise };
  } catch (error) {
    if (!(error instanceof DailiesError)) throw error;
    return { outcome: error.code, value: error };
  }
}

/** What the endpoint of a recorded request expects, for answers the client never asked for. */
function expectationOf(example: Recorded): PlatformExpectation<unknown> {
  const { method, path: rawPath } = example.request;
  const route = rawPath.replace(/^\/api/, '').replace(/\?.*$/, '');
  const internal = { auth: 'internal-token', subject: 'content' } as const;
  if (route.endsWith('/upsert-internal'))
    return { ...internal, status: 200, schema: platformContentSchema };
  if (route.endsWith('/video-assets-internal'))
    return { ...internal, status: 201, schema: platformVideoAssetSchema };
  if (route.startsWith('/v1/health'))
    return { auth: 'none', status: 200, schema: healthSchema, subject: 'health' };
  if (/^\/v1\/contents\/[^/]+\/video-assets$/.test(route))
    return method === 'GET'
      ? { auth: 'none', status: 200, schema: z.array(platformVideoAssetSchema), subject: 'assets' }
      : { auth: 'bearer', status: 201, schema: platformVideoAssetSchema, subject: 'asset' };
  if (/\/video-assets\/[^/]+$/.test(route))
    return { auth: 'none', status: 200, schema: platformVideoAssetSchema, subject: 'asset' };
  if (route === '/v1/contents')
    return method === 'GET'
      ? { auth: 'none', status: 200, schema: z.array(platformContentSchema), subject: 'contents' }
      : { auth: 'bearer', status: 201, schema: platformContentSchema, subject: 'content' };
  if (/^\/v1\/contents\/[^/]+$/.test(route))
    return {
      auth: method === 'GET' ? 'none' : 'bearer',
      status: 200,
      schema: platformContentSchema,
      subject: 'content',
    };
  return { auth: 'none', status: 200, schema: z.unknown(), subject: 'page' };
}

describe('the platform client replays the recorded platform examples', () => {
  let standIn: PlatformStandIn;
  let live: ReplayClients;

  beforeAll(async () => {
    standIn = await startPlatformStandIn({
      internalToken: DEVELOPMENT_TOKEN,
      identityServer: 'unreachable', // as during the recording
    });
    live = clientsWith(standIn.baseUrl, globalThis.fetch);
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('has a disposition for every example, and every disposition has an example', () => {
    expect(Object.keys(dispositions).sort()).toEqual(examples.map((e) => e.name).sort());
  });

  examples.forEach((example, index) => {
    const disposition = dispositions[example.name];
    const label = disposition
      ? `${disposition.kind}${disposition.kind === 'outside' ? ` (${disposition.why})` : ''}`
      : '?';
    it(`${index} ${example.name}: ${label}, the recorded answer reads as ${disposition?.recorded}`, async () => {
      if (!disposition) throw new Error(`no disposition for ${example.name}`);

      if (disposition.kind === 'sends') {
        // 1. Against the recording: the exact request, and the recorded answer read back.
        const captured: CapturedRequest[] = [];
        const replay: typeof fetch = async (input, init) => {
          const url = new URL(String(input));
          captured.push({
            method: init?.method ?? 'GET',
            path: `${url.pathname}${url.search}`,
            headers: { ...(init?.headers as Record<string, string>) },
            body: init?.body === undefined ? undefined : String(init.body),
          });
          return recordedAnswer(example);
        };
        const replayed = await outcomeOf(
          disposition.call(clientsWith(standIn.baseUrl, replay), example),
        );
        expect(captured).toHaveLength(1);
        const request = captured[0]!;
        expect(request.method).toBe(example.request.method);
        expect(request.path).toBe(example.request.path);
        expect(mattering(request.headers)).toEqual(mattering(example.request.headers));
        expect(request.body === undefined ? undefined : JSON.parse(request.body)).toEqual(
          example.request.body === undefined ? undefined : JSON.parse(example.request.body),
        );
        expect(replayed.outcome).toBe(disposition.recorded);
        if (replayed.outcome === 'ok') expect(replayed.value).toEqual(example.response.body);

        // 2. Live, against the stand-in replaying the recording in order: the same outcome.
        standIn.clearRequests();
        const answered = await outcomeOf(disposition.call(live, example));
        expect(answered.outcome).toBe(disposition.recorded);
        expect(standIn.requests).toHaveLength(1);
        expect(standIn.requests[0]!.status).toBe(example.response.status);
        return;
      }

      if (disposition.kind === 'refuses') {
        standIn.clearRequests();
        const refused = await outcomeOf(disposition.call(live, example));
        expect(refused.outcome).toBe(disposition.refusal);
        expect(standIn.requests, 'nothing was sent').toEqual([]);
      }

      // Keep the stand-in's state in step with the recording, then read the recorded answer.
      const raw = await sendRawRequest(new URL(standIn.baseUrl).origin, {
        method: example.request.method,
        path: example.request.path,
        headers: example.request.headers,
        body: example.request.body,
      });
      expect(raw.status).toBe(example.response.status);
      const answer = recordedAnswer(example);
      const read = await outcomeOf(
        (async () =>
          readPlatformAnswer(
            expectationOf(example),
            { status: answer.status, headers: answer.headers, text: await answer.text() },
            { nowMs: 0, redact: (value) => value },
          ))(),
      );
      expect(read.outcome).toBe(disposition.recorded);
    });
  });
});
