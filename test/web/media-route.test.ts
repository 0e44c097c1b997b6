import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stillPath, STILLS_DIR } from '../../src/shared/media-urls';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { rawRequest, testWebHost } from '../helpers/web-host';

/** The smallest valid JPEG-looking bytes the route has to pass through untouched. */
const jpegBytes = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9,
]);

async function startHost() {
  const engine = testEngine({ host: 'web' });
  const rendererDir = tempDir('dailies-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dailies</title>');
  const host = await testWebHost({ engine, rendererDir, token: 'test-token' });
  const stills = path.join(engine.dataDir, STILLS_DIR, '7');
  fs.mkdirSync(stills, { recursive: true });
  fs.writeFileSync(path.join(stills, 'thumbnail.jpg'), jpegBytes);
  fs.writeFileSync(path.join(stills, 'filmstrip.jpg'), jpegBytes);
  fs.writeFileSync(path.join(stills, 'filmstrip.json'), '{"tiles":[]}');
  // A file beside the stills that no URL may reach.
  fs.writeFileSync(path.join(engine.dataDir, 'secret.txt'), 'not for the page');
  fs.writeFileSync(path.join(stills, 'notes.txt'), 'not a still');
  return { engine, host };
}

const get = (port: number, pathAndQuery: string, headers: Record<string, string> = {}) =>
  rawRequest(port, { path: pathAndQuery, headers });

describe('asset stills over the web host', () => {
  it('serves a thumbnail with the token in the query, as an <img> asks for it, cached by version', async () => {
    const { host } = await startHost();
    const res = await fetch(`${host.origin}${stillPath(7, 'thumbnail', 3)}&token=test-token`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(jpegBytes);

    const index = await fetch(`${host.origin}/media/assets/7/filmstrip.json?token=test-token`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // Without a version the browser must ask again.
    expect(index.headers.get('cache-control')).toBe('private, no-cache');
    expect(await index.json()).toEqual({ tiles: [] });

    const strip = await fetch(`${host.origin}/media/assets/7/filmstrip.jpg?v=1`, {
      headers: { authorization: 'Bearer test-token' },
    });
    expect(strip.status).toBe(200);
    expect(strip.headers.get('content-type')).toBe('image/jpeg');
  });

  it('refuses a still without the token or with a wrong one', async () => {
    const { host } = await startHost();
    expect((await get(host.port, '/media/assets/7/thumbnail.jpg?v=1')).status).toBe(401);
    expect((await get(host.port, '/media/assets/7/thumbnail.jpg?v=1&token=nope')).status).toBe(401);
  });

  it('answers 404 for an asset without stills, other file names, bad ids and traversal attempts', async () => {
    const { host } = await startHost();
    const paths = [
      '/media/assets/8/thumbnail.jpg',
      '/media/assets/7/notes.txt',
      '/media/assets/7/',
      '/media/assets/0/thumbnail.jpg',
      '/media/assets/07/thumbnail.jpg',
      '/media/assets/-7/thumbnail.jpg',
      '/media/assets/7.0/thumbnail.jpg',
      '/media/assets/abc/thumbnail.jpg',
      '/media/assets/7/..%2F..%2F..%2Fsecret.txt',
      '/media/assets/7%2Fthumbnail.jpg',
      '/media/assets/7/thumbnail.jpg%00.txt',
      '/media/assets/7/%2e%2e%2fnotes.txt',
      '/media/assets/..%2F..%2Fsecret.txt',
      '/media/assets',
    ];
    for (const p of paths) {
      const res = await get(host.port, `${p}?token=test-token`);
      expect({ path: p, status: res.status }).toEqual({ path: p, status: 404 });
      expect(res.body).not.toContain('not for the page');
      expect(res.body).not.toContain('not a still');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { host } = await startHost();
    const head = await rawRequest(host.port, {
      method: 'HEAD',
      path: '/media/assets/7/thumbnail.jpg?token=test-token',
    });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(jpegBytes.length));
    expect(head.body).toBe('');
    const post = await rawRequest(host.port, {
      method: 'POST',
      path: '/media/assets/7/thumbnail.jpg?token=test-token',
    });
    expect(post.status).toBe(405);
  });
});
