import { expect } from 'vitest';
import { DailiesError, type ErrorCode } from '../../src/shared/contract/errors';
import {
  createPlatformClient,
  type PlatformClient,
  type PlatformClientOptions,
} from '../../src/engine/platform/platform-client';
import type { PlatformStandIn } from '../../src/stand-ins/platform';
import { systemClock } from '../../src/engine/time/clock';

export const INTERNAL_TOKEN = 'internal-token-for-tests-7f3a9c';
export const editor = {
  email: 'mina@studio.example',
  password: 'correct horse battery',
  name: 'Mina Park',
  roles: ['editor'],
};

/** A client of the stand-in with its internal token and, when given, a bearer token. */
export function clientOf(
  standIn: PlatformStandIn,
  overrides: Partial<PlatformClientOptions> & { bearer?: string } = {},
): PlatformClient {
  const { bearer, ...rest } = overrides;
  return createPlatformClient({
    baseUrl: standIn.baseUrl,
    fetch: globalThis.fetch,
    internalToken: () => INTERNAL_TOKEN,
    accessToken: () => bearer,
    clock: { ...systemClock, now: () => Date.parse('2026-11-23T09:00:00Z') },
    timeoutMs: 10_000,
    ...rest,
  });
}

/** The DailiesError a call fails with; fails the test if it succeeds or throws anything else. */
export async function failureOf(promise: Promise<unknown>, code: ErrorCode): Promise<DailiesError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, 'the call should fail').toBeInstanceOf(DailiesError);
  const error = caught as DailiesError;
  expect(error.toValue()).toMatchObject({ code });
  return error;
}

/** Fails when any of the secrets shows up anywhere in the error value. */
export function expectNoSecrets(error: DailiesError, ...secrets: string[]): void {
  const text = JSON.stringify(error.toValue()) + String(error.stack);
  for (const secret of secrets) expect(text).not.toContain(secret);
}
