import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { sessionSecretStore } from '../profiles/profile-kit';

const SECRETS = {
  'internal-token': 'itk-support-bundle-0123456789',
  's3-access-key-id': 'AKIASUPPORTBUNDLE001',
  's3-secret-access-key': 'support-bundle-secret-access-key-0123',
} as const;

describe('a support bundle', () => {
  it('holds the logs, versions, settings and profiles, and no secret nor its masked tail', async () => {
    const dataDir = tempDir('dailies-support-');
    const engine = testEngine({ dataDir, secrets: sessionSecretStore(), env: { PATH: '' } });
    const profile = await call(engine, 'profiles.create', {
      name: 'Staging',
      apiBaseUrl: 'https://api.example.com/api',
      bucket: 'origin-bucket',
    });
    for (const [kind, value] of Object.entries(SECRETS)) {
      await call(engine, 'profiles.setSecret', {
        profileId: profile.id,
        kind: kind as keyof typeof SECRETS,
        value,
      });
    }
    engine.logger.warn('something to find', { detail: 'a line support should read' });

    const out = tempDir('dailies-support-out-');
    const bundle = await call(engine, 'app.supportBundle', { dir: out });
    expect(path.dirname(bundle.file)).toBe(out);
    expect(bundle).toMatchObject({ logs: ['dailies.log'], profiles: 1 });
    const text = fs.readFileSync(bundle.file, 'utf8');
    expect(bundle.bytes).toBe(Buffer.byteLength(text));
    expect(fs.statSync(bundle.file).mode & 0o077).toBe(0);
    for (const value of Object.values(SECRETS)) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(value.slice(-4));
    }
    const parsed = JSON.parse(text) as {
      app: { version: string };
      versions: { node: string };
      settings: { theme: string };
      profiles: Array<{ name: string; stored: unknown[] }>;
      logs: Record<string, string>;
    };
    expect(parsed.app.version).toBe('0.0.0-test');
    expect(parsed.versions.node).toBe(process.versions.node);
    expect(parsed.settings.theme).toBe('system');
    expect(parsed.profiles[0]).toMatchObject({
      name: 'Staging',
      stored: expect.arrayContaining([
        { kind: 'internal-token', state: 'set', source: 'session' },
      ]) as unknown,
    });
    expect(parsed.logs['dailies.log']).toContain('a line support should read');
  });

  it('goes to the support folder of the data dir by default, and refuses a relative folder', async () => {
    const dataDir = tempDir('dailies-support-');
    const engine = testEngine({ dataDir });
    const bundle = await call(engine, 'app.supportBundle', {});
    expect(path.dirname(bundle.file)).toBe(path.join(dataDir, 'support'));
    const relative = await engine.dispatch('app.supportBundle', { dir: 'bundles' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });
});
