import { afterEach } from 'vitest';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { SessionSecretStore } from '../../src/engine/secrets/session-secret-store';
import type { EngineOptions } from '../../src/engine/create-engine';
import { startTmdbStandIn, type TmdbStandIn } from '../../src/stand-ins/tmdb';
import { ingestFiles } from '../helpers/catalog';
import { testEngine } from '../helpers/engine';

const running: TmdbStandIn[] = [];

export async function tmdbStandIn(): Promise<TmdbStandIn> {
  const standIn = await startTmdbStandIn({ readToken: READ_TOKEN, apiKey: API_KEY });
  running.push(standIn);
  return standIn;
}

export interface TmdbKitOptions {
  /** 'bearer' (v4 read token, the default), 'api-key' (v3) or none. */
  auth?: 'bearer' | 'api-key' | 'none';
  engine?: Partial<EngineOptions>;
  tmdb?: EngineOptions['tmdb'];
}

/** A v4 read access token looks like a JWT; the stand-in accepts whatever it was started with. */
export const READ_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0In0.c2lnbmF0dXJlLWZvci10ZXN0cw';
export const API_KEY = '0123456789abcdef0123456789abcdef';

/** The TMDB stand-in on loopback and an engine pointed at it, the token in DAILIES_TMDB_TOKEN. */
export async function tmdbKit(options: TmdbKitOptions = {}) {
  const standIn = await startTmdbStandIn({ readToken: READ_TOKEN, apiKey: API_KEY });
  running.push(standIn);
  const auth = options.auth ?? 'bearer';
  const env: NodeJS.ProcessEnv =
    auth === 'none' ? {} : { DAILIES_TMDB_TOKEN: auth === 'bearer' ? READ_TOKEN : API_KEY };
  const redactor = new SecretRedactor();
  const engine = testEngine({
    env,
    redactor,
    secrets: new SessionSecretStore({ redactor, description: "the tests' memory" }),
    startWork: false,
    tmdb: {
      baseUrl: standIn.baseUrl,
      imageBaseUrl: standIn.imageBaseUrl,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5_000 },
      timeoutMs: 2_000,
      ...options.tmdb,
    },
    ...options.engine,
  });
  return { standIn, engine };
}

export { ingestFiles };

afterEach(async () => {
  for (const standIn of running.splice(0)) await standIn.close();
});
