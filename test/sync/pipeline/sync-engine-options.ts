import type { EngineOptions } from '../../../src/engine/create-engine';
import type { SecretStore } from '../../../src/engine/secrets/secret-store';
import { cleanEnv } from '../../profiles/profile-kit';

/** The child process's environment variable that carries its secrets (see sync-child.ts). */
export const SYNC_CHILD_SECRETS = 'DAILIES_TEST_SYNC_CHILD_SECRETS';

/** Steps retry fast here: the schedule itself is tested in retry-policy.test.ts. */
export const fastSyncRetry = {
  maxAttempts: 10,
  baseDelayMs: 5,
  maxDelayMs: 40,
  maxRetryAfterMs: 40,
};

/**
 * How every sync test builds its engine, in the test process or in a child one that a test
 * kills (so this module must not import vitest).
 */
export function syncEngineOptions(
  dataDir: string,
  secrets: SecretStore,
  extra: Partial<EngineOptions> = {},
): EngineOptions {
  return {
    dataDir,
    host: 'cli',
    version: '0.0.0-test',
    secrets,
    env: cleanEnv(),
    syncRetryPolicy: fastSyncRetry,
    ...extra,
  };
}
