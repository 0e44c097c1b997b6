import { describe, expect, it } from 'vitest';
import { createPlatformClient } from '../../src/engine/platform/platform-client';
import { systemClock } from '../../src/engine/time/clock';
import { DailiesError } from '../../src/shared/contract';
import { isLoopbackHost } from '../../src/shared/loopback-host';
import { testEngine } from '../helpers/engine';
import { cleanEnv } from './profile-kit';

const TOKEN = 'itk-never-to-evil-localhost-0123';

describe('which hosts count as this computer', () => {
  it('only literal loopback addresses and localhost itself', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.8.9.10', '[::1]', '::1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['evil.localhost', 'api.localhost', 'localhost.example.com', '10.0.0.5']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('refuses a profile that would send secrets over plain http to a *.localhost name', async () => {
    const engine = testEngine({ env: cleanEnv() });
    const result = await engine.dispatch('profiles.create', {
      name: 'Rebound',
      apiBaseUrl: 'http://evil.localhost/api',
      bucket: 'origin-bucket',
      s3Endpoint: 'http://s3.localhost:9000',
    });
    expect(result.ok).toBe(false);
    const fields = (!result.ok && (result.error.details?.fields as { path: string }[])) || [];
    expect(fields.map((field) => field.path)).toEqual(['apiBaseUrl', 's3Endpoint']);
  });

  it('never sends the internal token to http://evil.localhost', async () => {
    const sent: string[] = [];
    const client = createPlatformClient({
      baseUrl: 'http://evil.localhost/api',
      fetch: (input) => {
        sent.push(String(input));
        return Promise.resolve(Response.json({}));
      },
      internalToken: () => TOKEN,
      accessToken: () => undefined,
      clock: systemClock,
    });
    const error: unknown = await client.checkInternalToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DailiesError);
    expect((error as DailiesError).code).toBe('E_VALIDATION');
    expect(sent).toEqual([]);
  });
});

describe('a key prefix', () => {
  const create = (keyPrefix: string) =>
    testEngine({ env: cleanEnv() }).dispatch('profiles.create', {
      name: 'Prefixed',
      apiBaseUrl: 'https://api.example.com/api',
      bucket: 'origin-bucket',
      keyPrefix,
    });

  it.each([
    ['../../', /cannot contain \. or \.\. folders/],
    ['dailies/../other', /cannot contain \. or \.\. folders/],
    ['./dailies', /cannot contain \. or \.\. folders/],
    ['/etc', /leave out the leading \//],
    ['dailies\\2026', /separates folders with \/, not \\/],
    ['daily\u0000', /control characters/],
  ])('refuses %j, naming the field', async (keyPrefix, message) => {
    const result = await create(keyPrefix);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('the profile was created');
    expect(result.error.code).toBe('E_VALIDATION');
    expect(result.error.details?.fields).toEqual([
      { path: 'keyPrefix', message: expect.stringMatching(message) as unknown },
    ]);
  });

  it('takes a folder path inside the bucket, normalised', async () => {
    const result = await create('dailies//2026..cut');
    expect(result).toMatchObject({ ok: true, value: { keyPrefix: 'dailies/2026..cut/' } });
  });
});
