import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appInfoSchema,
  resultSchema,
  settingsSchema,
  type WireEvent,
} from '../../src/shared/contract';
import { contentSecurityPolicy } from '../../src/shared/csp';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { rawRequest, testWebHost } from '../helpers/web-host';

/** A stand-in renderer build: the host serves whatever folder it is given. */
function fakeRendererDir(): string {
  const dir = tempDir('dailies-renderer-');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Dailies</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("hi")');
  return dir;
}

/** What the web host uses of an engine, so a test can replace one part. */
function pick(engine: ReturnType<typeof testEngine>) {
  const { dispatch, subscribe, logger, redactor, dataDir } = engine;
  return { dispatch, subscribe, logger, redactor, dataDir };
}

async function startHost() {
  const engine = testEngine();
  const host = await testWebHost({ engine, rendererDir: fakeRendererDir() });
  return { engine, host };
}

async function rpc(origin: string, token: string, method: string, input: unknown) {
  const res = await fetch(`${origin}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  expect(res.status).toBe(200);
  return resultSchema.parse(await res.json());
}

/** Opens the event stream and resolves once the host says the client is subscribed. */
function openEvents(port: number, token: string) {
  const received: WireEvent[] = [];
  let buffer = '';
  let onFrame = () => {};
  return new Promise<{ received: WireEvent[]; next: () => Promise<void>; close: () => void }>(
    (resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: `/api/events?token=${encodeURIComponent(token)}` },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const frame = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (frame.includes(': connected')) {
                resolve({
                  received,
                  next: () => new Promise<void>((r) => (onFrame = r)),
                  close: () => req.destroy(),
                });
              }
              for (const line of frame.split('\n')) {
                if (line.startsWith('data: ')) {
                  received.push(JSON.parse(line.slice(6)) as WireEvent);
                  onFrame();
                }
              }
            }
          });
        },
      );
      req.on('error', reject);
    },
  );
}

describe('web host', () => {
  it('answers contract calls over HTTP: app info, then a setting saved and read back', async () => {
    const { host, engine } = await startHost();
    expect(host.url).toBe(`${host.origin}/?token=${encodeURIComponent(host.token)}`);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);

    const info = await rpc(host.origin, host.token, 'app.info', {});
    expect(info.ok).toBe(true);
    const appInfo = appInfoSchema.parse(info.ok && info.value);
    expect(appInfo.dataDir).toBe(engine.dataDir);

    const saved = await rpc(host.origin, host.token, 'settings.set', { thumbnailWidth: 960 });
    expect(saved.ok && settingsSchema.parse(saved.value).thumbnailWidth).toBe(960);
    const read = await rpc(host.origin, host.token, 'settings.get', {});
    expect(read.ok && settingsSchema.parse(read.value).thumbnailWidth).toBe(960);
  });

  it('returns contract errors as values: an invalid setting names the field', async () => {
    const { host } = await startHost();
    const result = await rpc(host.origin, host.token, 'settings.set', { thumbnailWidth: 5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('E_VALIDATION');
    expect(result.error.details).toMatchObject({ fields: [{ path: 'thumbnailWidth' }] });

    const unknown = await rpc(host.origin, host.token, 'no.such.method', {});
    expect(!unknown.ok && unknown.error.code).toBe('E_UNKNOWN_METHOD');
  });

  it('streams engine events to a subscribed client over SSE', async () => {
    const { host } = await startHost();
    const stream = await openEvents(host.port, host.token);
    try {
      const arrived = stream.next();
      await rpc(host.origin, host.token, 'settings.set', { theme: 'dark' });
      await arrived;
      const event = stream.received.find((e) => e.name === 'settings.changed');
      expect(event?.kind).toBe('event');
      expect(settingsSchema.parse(event?.payload).theme).toBe('dark');
    } finally {
      stream.close();
    }
  });

  it('ends open event streams when it closes', async () => {
    const { host } = await startHost();
    const ended = new Promise<void>((resolve) => {
      http.get(
        { host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}` },
        (res) => {
          res.resume();
          res.once('data', () => void host.close());
          res.on('close', () => resolve());
        },
      );
    });
    await ended;
    await expect(fetch(`${host.origin}/`)).rejects.toThrow();
  });

  it('refuses an API call without a token (401)', async () => {
    const { host } = await startHost();
    const res = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/rpc/app.info',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    const events = await rawRequest(host.port, { path: '/api/events' });
    expect(events.status).toBe(401);
  });

  it('refuses an API call with a wrong token (401), in the header or the query', async () => {
    const { host } = await startHost();
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    const res = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/rpc/app.info',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${wrong}` },
      body: '{}',
    });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain(host.token);
    const events = await rawRequest(host.port, { path: `/api/events?token=${wrong}` });
    expect(events.status).toBe(401);
  });

  it('does not take the token from the query for contract calls', async () => {
    const { host } = await startHost();
    const res = await rawRequest(host.port, {
      method: 'POST',
      path: `/api/rpc/app.info?token=${host.token}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('refuses a request from a foreign Origin (403) even with the right token', async () => {
    const { host } = await startHost();
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`]) {
      const res = await rawRequest(host.port, {
        method: 'POST',
        path: '/api/rpc/app.info',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${host.token}`,
          origin,
        },
        body: '{}',
      });
      expect(res.status, origin).toBe(403);
    }
    const own = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/rpc/app.info',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${host.token}`,
        origin: host.origin,
      },
      body: '{}',
    });
    expect(own.status).toBe(200);
  });

  it('refuses a foreign Host (403): a DNS-rebinding page gets neither the API nor the page', async () => {
    const { host } = await startHost();
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1']) {
      const api = await rawRequest(host.port, {
        method: 'POST',
        path: '/api/rpc/app.info',
        headers: {
          host: hostHeader,
          'content-type': 'application/json',
          authorization: `Bearer ${host.token}`,
        },
        body: '{}',
      });
      expect(api.status, hostHeader).toBe(403);
      const page = await rawRequest(host.port, { path: '/', headers: { host: hostHeader } });
      expect(page.status, hostHeader).toBe(403);
    }
    const localhost = await rawRequest(host.port, {
      path: '/',
      headers: { host: `localhost:${host.port}` },
    });
    expect(localhost.status).toBe(200);
  });

  it('sends the CSP and hardening headers on pages, API answers and refusals', async () => {
    const { host } = await startHost();
    const answers = [
      await rawRequest(host.port, { path: '/' }),
      await rawRequest(host.port, { path: '/assets/app-1234.js' }),
      await rawRequest(host.port, { path: '/api/events' }),
      await rawRequest(host.port, { path: '/', headers: { host: 'evil.example' } }),
    ];
    for (const res of answers) {
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('serves the page shell without a token, with an index fallback and no escape from it', async () => {
    const { host } = await startHost();
    const page = await rawRequest(host.port, { path: '/settings' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const asset = await rawRequest(host.port, { path: '/assets/app-1234.js' });
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await rawRequest(host.port, { path: '/assets/missing.js' })).status).toBe(404);
    for (const escape of [
      '/../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2fpackage.json',
    ]) {
      const res = await rawRequest(host.port, { path: escape });
      expect(res.body, escape).not.toContain('"name"');
    }
  });

  it('refuses oversized bodies (413) and non-JSON calls (415)', async () => {
    const engine = testEngine();
    const host = await testWebHost({ engine, rendererDir: fakeRendererDir(), maxBodyBytes: 1024 });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${host.token}` };
    const big = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/rpc/settings.set',
      headers,
      body: JSON.stringify({ ffmpegPath: 'x'.repeat(4096) }),
    });
    expect(big.status).toBe(413);
    const form = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/rpc/settings.set',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const bad = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/rpc/settings.set',
      headers,
      body: '{not json',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('answers a failure it did not foresee as a plain E_INTERNAL and logs its cause', async () => {
    const engine = testEngine();
    const host = await testWebHost({
      engine: {
        ...pick(engine),
        dispatch: () => Promise.reject(new Error('disk on fire at /secret/path')),
      },
      rendererDir: fakeRendererDir(),
    });
    const result = await rpc(host.origin, host.token, 'app.info', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'E_INTERNAL',
        message: 'Something went wrong inside Dailies. The details are in the log.',
        retryable: false,
      },
    });
    const log = fs.readFileSync(path.join(engine.dataDir, 'logs', 'dailies.log'), 'utf8');
    expect(log).toContain('disk on fire at /secret/path');
    expect(log).toContain('web rpc');
  });

  it('keeps its token out of the log', async () => {
    const { host, engine } = await startHost();
    await rawRequest(host.port, { path: `/api/events?token=${host.token}x` });
    engine.logger.info('echo', { url: host.url });
    const log = fs.readFileSync(path.join(engine.dataDir, 'logs', 'dailies.log'), 'utf8');
    expect(log).toContain('web host listening');
    expect(log).not.toContain(host.token);
  });

  it('answers a broken method address with a JSON 400, and two Host headers with 400', async () => {
    const { host } = await startHost();
    const broken = await fetch(`${host.origin}/api/rpc/%ZZ`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: '{}',
    });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toMatch(/application\/json/);
    expect(resultSchema.parse(await broken.json())).toMatchObject({
      ok: false,
      error: { code: 'E_VALIDATION' },
    });

    const raw = (hostLines: string[]) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(host.port, '127.0.0.1', () => {
          socket.end(
            [
              'GET / HTTP/1.1',
              ...hostLines.map((line) => `Host: ${line}`),
              'Connection: close',
              '',
              '',
            ].join('\r\n'),
          );
        });
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
        socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
        socket.on('error', reject);
      });
    const own = `127.0.0.1:${host.port}`;
    expect(await raw([own, 'evil.example'])).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw([own, own])).toMatch(/^HTTP\/1\.1 400 /);
  });
});
