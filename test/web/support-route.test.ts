import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { rawRequest, testWebHost } from '../helpers/web-host';

async function startHost() {
  const engine = testEngine({ host: 'web' });
  const rendererDir = tempDir('dailies-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Dailies</title>');
  const host = await testWebHost({ engine, rendererDir, token: 'test-token' });
  // A file beside the bundles that no URL may reach.
  fs.writeFileSync(path.join(engine.dataDir, 'secret.txt'), 'not for the page');
  return { engine, host };
}

const bearer = { authorization: 'Bearer test-token' };

describe('support bundles over the web host', () => {
  it('hands over a bundle the engine wrote, as a download, to the token holder only', async () => {
    const { engine, host } = await startHost();
    const bundle = await call(engine, 'app.supportBundle', {});
    const name = path.basename(bundle.file);
    const res = await rawRequest(host.port, { path: `/api/support/${name}`, headers: bearer });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({ app: { name: 'Dailies' } });
    // Not by address alone: no header, or the token in the query, is refused.
    expect((await rawRequest(host.port, { path: `/api/support/${name}` })).status).toBe(401);
    const query = await rawRequest(host.port, { path: `/api/support/${name}?token=test-token` });
    expect(query.status).toBe(401);
  });

  it('answers 404 for anything but a bundle name, traversal attempts included', async () => {
    const { host } = await startHost();
    for (const attempt of [
      '/api/support/secret.txt',
      '/api/support/..%2Fsecret.txt',
      '/api/support/../secret.txt',
      '/api/support/dailies-support-2026-01-01T00-00-00-000Z.json',
      '/api/support/dailies-support-..%2F..%2Fsecret.json',
    ]) {
      const res = await rawRequest(host.port, { path: attempt, headers: bearer });
      expect([attempt, res.status]).toEqual([attempt, 404]);
    }
  });
});
