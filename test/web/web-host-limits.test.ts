import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { rawRequest, testWebHost } from '../helpers/web-host';

function rendererDir(): string {
  const dir = tempDir('dailies-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Dailies</title>');
  return dir;
}

const streams: http.ClientRequest[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.destroy();
});

/** Opens an event stream and resolves with its status once the host has answered. */
function openEvents(port: number, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: `/api/events?token=${encodeURIComponent(token)}`,
        agent: false,
        headers: { host: `127.0.0.1:${port}` },
      },
      (res) => {
        if (res.statusCode === 200) {
          resolve({ status: 200, body: '' });
          return;
        }
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    streams.push(req);
  });
}

describe('the web host under many clients', () => {
  it('answers event-stream clients beyond the cap with a 503 saying why', async () => {
    const host = await testWebHost({
      engine: testEngine(),
      rendererDir: rendererDir(),
      maxEventClients: 2,
    });
    expect((await openEvents(host.port, host.token)).status).toBe(200);
    expect((await openEvents(host.port, host.token)).status).toBe(200);
    const third = await openEvents(host.port, host.token);
    expect(third.status).toBe(503);
    expect(third.body).toMatch(/already sends its events to 2 windows; close one and reload/);
    // Closing one makes room again.
    streams.shift()?.destroy();
    await expect.poll(async () => (await openEvents(host.port, host.token)).status).toBe(200);
  });

  it('answers connections beyond the cap with a 503, and serves again once they close', async () => {
    const host = await testWebHost({
      engine: testEngine(),
      rendererDir: rendererDir(),
      maxConnections: 3,
      maxEventClients: 10,
    });
    for (let index = 0; index < 3; index += 1) {
      expect((await openEvents(host.port, host.token)).status).toBe(200);
    }
    const refused = await rawRequest(host.port, { path: '/' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatch(/too many open connections/);
    for (const stream of streams.splice(0)) stream.destroy();
    await expect.poll(async () => (await rawRequest(host.port, { path: '/' })).status).toBe(200);
  });

  it('refuses a request that names its host twice (400)', async () => {
    const host = await testWebHost({ engine: testEngine(), rendererDir: rendererDir() });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(host.port, '127.0.0.1', () => {
        socket.end(
          `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nHost: evil.example\r\n` +
            'Connection: close\r\n\r\n',
        );
      });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });
});
