import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DailiesError } from '../../src/shared/contract';
import { createTmdbClient } from '../../src/engine/tmdb/tmdb-client';
import { systemClock } from '../../src/engine/time/clock';
import { silentLogger } from '../helpers/silent-logger';

/** A TMDB that sends its headers and the start of the JSON, then nothing more. */
async function stallingTmdb() {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    response.write('{"id": 670, "title": "Old');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    server.close();
  });
  return { requests, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a TMDB answer that stops half-way', () => {
  it('is a retryable E_TIMEOUT, tried again, not an answer "a proxy may be changing"', async () => {
    const tmdb = await stallingTmdb();
    const client = createTmdbClient({
      baseUrl: tmdb.baseUrl,
      fetch: globalThis.fetch,
      token: () => Promise.resolve('0123456789abcdef0123456789abcdef'),
      retrying: {
        policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
        clock: systemClock,
      },
      timeoutMs: 200,
      logger: silentLogger,
    });
    const error = await client.get('/3/movie/670', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DailiesError);
    expect({
      code: (error as DailiesError).code,
      retryable: (error as DailiesError).retryable,
    }).toEqual({
      code: 'E_TIMEOUT',
      retryable: true,
    });
    expect(tmdb.requests).toHaveLength(2);
  });
});
