import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DailiesError, type ErrorCode } from '../../src/shared/contract';
import { call } from '../helpers/engine';
import { READ_TOKEN, ingestFiles, tmdbKit } from './tmdb-kit';

async function failure(promise: Promise<unknown>): Promise<DailiesError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DailiesError);
  return error as DailiesError;
}

function expectCode(error: DailiesError, code: ErrorCode): void {
  expect(error.code, error.message).toBe(code);
}

describe('TMDB failures', () => {
  it('says the key is missing, or refused', async () => {
    const none = await tmdbKit({ auth: 'none' });
    const a = await ingestFiles(none.engine, ['oldboy.mp4']);
    const missing = await failure(call(none.engine, 'tmdb.lookup', { assetId: a['oldboy.mp4']! }));
    expectCode(missing, 'E_TMDB_AUTH');
    expect(missing.details?.reason).toBe('missing');
    expect(missing.message).toMatch(/DAILIES_TMDB_TOKEN/);

    const refused = await tmdbKit({ engine: { env: { DAILIES_TMDB_TOKEN: 'a.b.wrong' } } });
    const b = await ingestFiles(refused.engine, ['oldboy.mp4']);
    const error = await failure(call(refused.engine, 'tmdb.lookup', { assetId: b['oldboy.mp4']! }));
    expectCode(error, 'E_TMDB_AUTH');
    expect(error.details?.reason).toBe('refused');
    // A refused key is not retried.
    expect(refused.standIn.requests).toHaveLength(1);
  });

  it('waits as long as a 429 Retry-After asks, then goes on', async () => {
    const { engine, standIn } = await tmdbKit();
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    standIn.setFault({ kind: 'rate-limit', retryAfterSeconds: 1 }, 1);
    const list = await call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']!, kind: 'movie' });
    expect(list.candidates[0]?.tmdbId).toBe(670);
    const statuses = standIn.requests.map((r) => r.status);
    expect(statuses).toEqual([429, 200]);
  });

  it('reports a rate limit that does not clear as E_RATE_LIMITED', async () => {
    const { engine, standIn } = await tmdbKit();
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    standIn.setFault({ kind: 'rate-limit', retryAfterSeconds: 0 });
    const error = await failure(
      call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']!, kind: 'movie' }),
    );
    expectCode(error, 'E_RATE_LIMITED');
    expect(error.retryable).toBe(true);
  });

  it('gives up on an answer slower than the limit with E_TIMEOUT', async () => {
    const { engine, standIn } = await tmdbKit({ tmdb: { timeoutMs: 150 } });
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    standIn.setFault({ kind: 'slow', delayMs: 1_000 });
    const error = await failure(
      call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']!, kind: 'movie' }),
    );
    expectCode(error, 'E_TIMEOUT');
  });

  it('says an unreadable answer cannot be read, and does not cache it', async () => {
    const { engine, standIn } = await tmdbKit();
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    standIn.setFault({ kind: 'malformed' }, 1);
    const error = await failure(
      call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']!, kind: 'movie' }),
    );
    expectCode(error, 'E_NETWORK');
    expect(error.details?.malformed).toBe(true);
    const again = await call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']!, kind: 'movie' });
    expect(again.fromCache).toBe(false);
  });

  it('answers repeated lookups from the catalog, and offline shows what was fetched before', async () => {
    const { engine, standIn } = await tmdbKit({ tmdb: { maxAgeMs: 0 } });
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    const assetId = ids['oldboy.mp4']!;
    const online = await call(engine, 'tmdb.lookup', { assetId });
    await call(engine, 'tmdb.suggestions', { assetId, tmdbId: 670, kind: 'movie' });
    await standIn.close();

    const offline = await call(engine, 'tmdb.lookup', { assetId });
    expect(offline).toMatchObject({ fromCache: true, offline: true });
    expect(offline.fetchedAt).toBe(online.fetchedAt);
    expect(offline.candidates).toEqual(online.candidates);
    const suggestions = await call(engine, 'tmdb.suggestions', {
      assetId,
      tmdbId: 670,
      kind: 'movie',
    });
    expect(suggestions).toMatchObject({
      fromCache: true,
      offline: true,
      ageRating: { suggested: '18+' },
    });

    const never = await failure(call(engine, 'tmdb.lookup', { assetId, query: 'Squid Game' }));
    expectCode(never, 'E_NETWORK');
    expect(never.message).toMatch(/offline/);
  });

  it('uses fresh cached answers without asking TMDB again', async () => {
    const { engine, standIn } = await tmdbKit();
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    await call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']! });
    const asked = standIn.requests.length;
    const again = await call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']! });
    expect(again).toMatchObject({ fromCache: true, offline: false });
    expect(standIn.requests).toHaveLength(asked);
  });

  it('keeps the token out of the catalog file and the logs', async () => {
    const { engine } = await tmdbKit({ auth: 'api-key' });
    const ids = await ingestFiles(engine, ['oldboy.mp4']);
    await call(engine, 'tmdb.lookup', { assetId: ids['oldboy.mp4']! });
    await call(engine, 'tmdb.setToken', { value: READ_TOKEN });
    const status = await call(engine, 'tmdb.status', {});
    expect(status.token).toMatchObject({ state: 'set', source: 'environment' });
    engine.logger.info('echo of a secret', { note: `token ${READ_TOKEN}` });
    await engine.dispose();
    const files = [
      ...fs.readdirSync(engine.dataDir).filter((name) => name.startsWith('catalog.db')),
      ...fs.readdirSync(path.join(engine.dataDir, 'logs')).map((name) => path.join('logs', name)),
    ];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(engine.dataDir, file)).toString('latin1');
      expect(bytes, file).not.toContain(READ_TOKEN);
      expect(bytes, file).not.toContain('0123456789abcdef0123456789abcdef');
    }
  });
});
