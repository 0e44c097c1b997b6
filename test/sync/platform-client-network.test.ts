import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE } from '../../src/engine/logging/logger';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { createPlatformClient } from '../../src/engine/platform/platform-client';
import { tempDir } from '../helpers/temp-dir';
import { startFaultProxy, type FaultProxy } from '../rig/fault-proxy';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { clientOf, expectNoSecrets, failureOf, INTERNAL_TOKEN } from './platform-test-kit';
import { systemClock } from '../../src/engine/time/clock';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(
  handler: http.RequestListener,
): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { server, origin: `http://127.0.0.1:${port}` };
}

async function standInBehindProxy(): Promise<{
  standIn: PlatformStandIn;
  proxy: FaultProxy;
  baseUrl: string;
}> {
  const standIn = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN });
  cleanups.push(() => standIn.close());
  const proxy = await startFaultProxy({ target: new URL(standIn.baseUrl).origin, mode: 'http' });
  cleanups.push(() => proxy.close());
  return { standIn, proxy, baseUrl: `${proxy.url}/api` };
}

/** A fetch that fails the test if called, for requests that must never be sent. */
const fetchNever: typeof fetch = () => {
  throw new Error('a request was sent');
};

/** The platform client against a test server at `origin`, as the engine builds it. */
function clientAt(origin: string, options: { timeoutMs?: number } = {}) {
  return createPlatformClient({
    baseUrl: `${origin}/api`,
    fetch: globalThis.fetch,
    internalToken: () => INTERNAL_TOKEN,
    accessToken: () => undefined,
    clock: { ...systemClock, now: () => 0 },
    ...options,
  });
}

describe('the platform client when the network or server misbehaves', () => {
  it('a server that is down is a retryable E_NETWORK that names the host', async () => {
    const { server, origin } = await listen(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = clientAt(origin);
    const error = await failureOf(client.upsertContent(1, { title: 'X' }), 'E_NETWORK');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `Cannot reach the platform at ${new URL(origin).host}: nothing is answering at that address. Dailies will try again.`,
    );
    expect(error.details).toMatchObject({ cause: 'ECONNREFUSED' });
    expectNoSecrets(error, INTERNAL_TOKEN);
  });

  it('a server that never answers is a retryable E_NETWORK after the timeout', async () => {
    const { origin } = await listen(() => undefined);
    const client = clientAt(origin, { timeoutMs: 200 });
    const error = await failureOf(client.health(), 'E_NETWORK');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not answer within/);
    expect(error.details).toMatchObject({ timeoutMs: 200 });
  });

  it('an answer whose body stops half-way is the same retryable timeout, not a wait for ever', async () => {
    const { origin } = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"status": "o');
    });
    const client = clientAt(origin, { timeoutMs: 200 });
    const error = await failureOf(client.health(), 'E_NETWORK');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/did not answer within/);
  });

  it('a call cancelled by the caller is E_CANCELLED, not a network error to retry', async () => {
    const controller = new AbortController();
    const { origin } = await listen(() => controller.abort());
    const client = clientAt(origin);
    const error = await failureOf(client.health({ signal: controller.signal }), 'E_CANCELLED');
    expect(error.retryable).toBe(false);
  });

  it('a cut connection is a retryable E_NETWORK', async () => {
    const { proxy, baseUrl } = await standInBehindProxy();
    proxy.addRule({ fault: { kind: 'drop' }, times: 1 });
    const client = createPlatformClient({
      baseUrl,
      fetch: globalThis.fetch,
      internalToken: () => INTERNAL_TOKEN,
      accessToken: () => undefined,
      clock: { ...systemClock, now: () => 0 },
    });
    const error = await failureOf(client.upsertContent(1, { title: 'X' }), 'E_NETWORK');
    expect(error.retryable).toBe(true);
    expect((await client.upsertContent(1, { title: 'X' })).id).toBe(1);
  });

  it('a 503 carries Retry-After in seconds and as an HTTP date, read on our clock', async () => {
    const { proxy, baseUrl } = await standInBehindProxy();
    const client = createPlatformClient({
      baseUrl,
      fetch: globalThis.fetch,
      internalToken: () => INTERNAL_TOKEN,
      accessToken: () => undefined,
      clock: { ...systemClock, now: () => Date.parse('2026-11-23T09:00:00Z') },
    });
    proxy.addRule({ fault: { kind: 'status', status: 503, retryAfter: 7 }, times: 1 });
    const seconds = await failureOf(client.upsertContent(1, { title: 'X' }), 'E_NETWORK');
    expect(seconds.retryable).toBe(true);
    expect(seconds.details).toMatchObject({ status: 503, retryAfter: '7', retryAfterMs: 7000 });

    proxy.addRule({
      fault: { kind: 'status', status: 503, retryAfter: 'Mon, 23 Nov 2026 09:00:30 GMT' },
      times: 1,
    });
    const date = await failureOf(client.getContent(1), 'E_NETWORK');
    expect(date.details).toMatchObject({ retryAfterMs: 30_000 });
  });

  it('never follows a redirect, so the internal token cannot travel to another server', async () => {
    const seenTokens: (string | undefined)[] = [];
    const elsewhere = await listen((req, res) => {
      seenTokens.push(req.headers['x-internal-token'] as string | undefined);
      res.end('{}');
    });
    const redirecting = await listen((req, res) => {
      res.writeHead(307, { location: `${elsewhere.origin}${req.url}` }).end();
    });
    const client = createPlatformClient({
      baseUrl: `${redirecting.origin}/api`,
      fetch: globalThis.fetch,
      internalToken: () => INTERNAL_TOKEN,
      accessToken: () => undefined,
      clock: { ...systemClock, now: () => 0 },
    });
    const error = await failureOf(client.checkInternalToken(), 'E_VALIDATION');
    expect(error.message).toMatch(/redirected/);
    expect(seenTokens).toEqual([]);
  });

  describe('secrets over plain http', () => {
    const plain = (fetchImpl: typeof fetch) =>
      createPlatformClient({
        baseUrl: 'http://platform.example.com/api',
        fetch: fetchImpl,
        internalToken: () => INTERNAL_TOKEN,
        accessToken: () => 'bearer-token-123456',
        clock: { ...systemClock, now: () => 0 },
      });

    it('refuses to send the internal token, a bearer token or a password off this machine', async () => {
      const client = plain(fetchNever);
      const token = await failureOf(client.checkInternalToken(), 'E_VALIDATION');
      expect(token.message).toMatch(/will not send the internal token over plain http/);
      expect(token.details).toMatchObject({ field: 'baseUrl' });
      await failureOf(client.upsertContent(1, { title: 'X' }), 'E_VALIDATION');
      await failureOf(client.me(), 'E_VALIDATION');
      await failureOf(client.login({ email: 'a@b.example', password: 'pw' }), 'E_VALIDATION');
    });

    it('still reads the public health over http, and sends tokens over https and to loopback', async () => {
      const sent: string[] = [];
      const recording: typeof fetch = (input, init) => {
        sent.push(`${init?.method} ${String(input)}`);
        return Promise.resolve(Response.json({ status: 'healthy' }));
      };
      expect(await plain(recording).health()).toEqual({ status: 'healthy' });
      for (const baseUrl of [
        'https://api.example.com/api/',
        'http://localhost:8000/api',
        'http://[::1]:8000/api',
      ]) {
        const client = createPlatformClient({
          baseUrl,
          fetch: recording,
          internalToken: () => INTERNAL_TOKEN,
          accessToken: () => undefined,
          clock: { ...systemClock, now: () => 0 },
        });
        await failureOf(client.checkInternalToken(), 'E_INTERNAL'); // the canned 200 is no check answer
      }
      expect(sent).toEqual([
        'GET http://platform.example.com/api/v1/health',
        'PUT https://api.example.com/api/v1/contents/x/upsert-internal',
        'PUT http://localhost:8000/api/v1/contents/x/upsert-internal',
        'PUT http://[::1]:8000/api/v1/contents/x/upsert-internal',
      ]);
    });
  });

  it('logs requests and failures without any token or password', async () => {
    const standIn = await startPlatformStandIn({
      internalToken: INTERNAL_TOKEN,
      users: [{ email: 'mina@studio.example', password: 'correct horse battery' }],
    });
    cleanups.push(() => standIn.close());
    const dir = tempDir();
    const redactor = new SecretRedactor();
    const logger = createFileLogger({ dir, redactor, now: () => new Date(0), level: 'debug' });
    const client = clientOf(standIn, { logger, redactor });
    const signIn = await client.login({
      email: 'mina@studio.example',
      password: 'correct horse battery',
    });
    await client.upsertContent(1, { title: 'X' });
    await failureOf(
      clientOf(standIn, {
        logger,
        redactor,
        internalToken: () => 'wrong-token-abcdef',
      }).upsertContent(1, {}),
      'E_PLATFORM_AUTH',
    );
    await failureOf(
      clientOf(standIn, { logger, redactor, baseUrl: 'http://127.0.0.1:1/api' }).upsertContent(
        1,
        {},
      ),
      'E_NETWORK',
    );

    const log = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(log).toContain('platform answered');
    expect(log).toContain('platform request failed');
    for (const secret of [
      INTERNAL_TOKEN,
      'wrong-token-abcdef',
      'correct horse battery',
      signIn.accessToken,
    ])
      expect(log).not.toContain(secret);
  });
});
