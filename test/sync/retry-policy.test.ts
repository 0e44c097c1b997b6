import { afterEach, describe, expect, it } from 'vitest';
import { dailiesError, DailiesError } from '../../src/shared/contract/errors';
import {
  backoffCeiling,
  decideRetry,
  withRetry,
  type RetryPolicy,
} from '../../src/engine/time/retry-policy';
import { sleepFor, systemClock, type Clock } from '../../src/engine/time/clock';
import { createPlatformClient } from '../../src/engine/platform/platform-client';
import { startFaultProxy } from '../rig/fault-proxy';
import { startPlatformStandIn } from '../../src/stand-ins/platform';
import { failureOf, INTERNAL_TOKEN } from './platform-test-kit';

const policy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};
const NOW = Date.parse('2026-11-23T09:00:00Z');
const networkError = (details?: Record<string, unknown>) =>
  dailiesError('E_NETWORK', 'The platform could not handle the request right now.', {
    retryable: true,
    ...(details ? { details } : {}),
  });

/** A clock whose sleep only records, and whose random replays a list. */
function fakeClock(randoms: number[] = [0.5]) {
  const slept: number[] = [];
  let draw = 0;
  const clock: Clock = {
    random: () => randoms[Math.min(draw++, randoms.length - 1)]!,
    now: () => NOW,
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
  };
  return { clock, slept };
}

/** A step that fails with the given errors in turn, then returns 'done'. */
function stepFailing(...errors: unknown[]) {
  const step = async (attempt: number) => {
    step.calls = attempt;
    const error = errors[attempt - 1];
    if (error !== undefined) throw error;
    return 'done';
  };
  step.calls = 0;
  return step;
}

describe('the retry policy', () => {
  it('doubles the backoff ceiling from the base up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(policy, n))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffCeiling(policy, 5000)).toBe(8000);
  });

  it('waits a full-jitter share of each ceiling, then gives up after the last attempt', async () => {
    const { clock, slept } = fakeClock([0.5, 0.25, 0.999, 0]);
    const errors = Array.from({ length: 5 }, () => networkError());
    const step = stepFailing(...errors);
    const error = await failureOf(withRetry(step, { policy, clock }), 'E_NETWORK');
    expect(slept).toEqual([500, 500, 3996, 0]);
    expect(step.calls).toBe(5);
    expect(error.details).toMatchObject({ attempts: 5, gaveUp: 'attempts-exhausted' });
    expect(error.retryable).toBe(true); // the editor's retry button may still try later
  });

  it('returns the result once a retry succeeds, telling each wait first', async () => {
    const { clock, slept } = fakeClock([0.5]);
    const told: string[] = [];
    const result = await withRetry(stepFailing(networkError(), networkError()), {
      policy,
      clock,
      onRetry: (info) => told.push(`${info.attempt}:${info.delayMs}:${info.basis}`),
    });
    expect(result).toBe('done');
    expect(slept).toEqual([500, 1000]);
    expect(told).toEqual(['1:500:backoff', '2:1000:backoff']);
  });

  it('waits at least as long as Retry-After, in milliseconds or as an HTTP date', () => {
    const decide = (details: Record<string, unknown>, random = 0.5) =>
      decideRetry(networkError(details), 1, policy, () => random, NOW);
    expect(decide({ retryAfterMs: 7000 })).toEqual({
      kind: 'retry',
      delayMs: 7000,
      basis: 'retry-after',
    });
    expect(decide({ retryAfter: 'Mon, 23 Nov 2026 09:00:30 GMT' })).toMatchObject({
      delayMs: 30_000,
      basis: 'retry-after',
    });
    expect(decide({ retryAfter: '3' })).toMatchObject({ delayMs: 3000 });
    // A jittered wait already longer than asked is kept.
    expect(decideRetry(networkError({ retryAfterMs: 100 }), 4, policy, () => 0.5, NOW)).toEqual({
      kind: 'retry',
      delayMs: 4000,
      basis: 'backoff',
    });
    // One answer cannot park a step for a day.
    expect(decide({ retryAfterMs: 86_400_000 })).toMatchObject({ delayMs: 60_000 });
  });

  it('never retries authentication errors, even ones marked retryable', async () => {
    for (const code of ['E_PLATFORM_AUTH', 'E_S3_AUTH'] as const) {
      const { clock, slept } = fakeClock();
      const step = stepFailing(dailiesError(code, 'refused', { retryable: true }));
      const error = await failureOf(withRetry(step, { policy, clock }), code);
      expect(step.calls).toBe(1);
      expect(slept).toEqual([]);
      expect(error.details).toMatchObject({ attempts: 1, gaveUp: 'auth' });
    }
  });

  it('does not retry errors that are not retryable, nor unknown ones', async () => {
    const { clock, slept } = fakeClock();
    const validation = stepFailing(dailiesError('E_VALIDATION', 'bad title'));
    const error = await failureOf(withRetry(validation, { policy, clock }), 'E_VALIDATION');
    expect(error.details).toMatchObject({ gaveUp: 'not-retryable' });
    const bug = new TypeError('a bug');
    await expect(withRetry(stepFailing(bug), { policy, clock })).rejects.toBe(bug);
    expect(slept).toEqual([]);
  });

  it('stops with E_CANCELLED when aborted while waiting, without another attempt', async () => {
    const controller = new AbortController();
    const clock: Clock = {
      random: () => 0.5,
      now: () => NOW,
      sleep: (ms, signal) => {
        controller.abort();
        return sleepFor(ms, signal);
      },
    };
    const step = stepFailing(networkError(), networkError());
    await failureOf(withRetry(step, { policy, clock, signal: controller.signal }), 'E_CANCELLED');
    expect(step.calls).toBe(1);
  });

  it('a real sleep ends at once when aborted', async () => {
    const controller = new AbortController();
    const sleeping = sleepFor(3_600_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(DailiesError);
  });
});

describe('retrying platform calls', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('rides out two 503s with Retry-After and upserts once; a wrong token is tried once', async () => {
    const standIn = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN });
    cleanups.push(() => standIn.close());
    const proxy = await startFaultProxy({ target: new URL(standIn.baseUrl).origin, mode: 'http' });
    cleanups.push(() => proxy.close());
    proxy.addRule({ fault: { kind: 'status', status: 503, retryAfter: 2 }, times: 2 });
    let token = INTERNAL_TOKEN;
    const client = createPlatformClient({
      baseUrl: `${proxy.url}/api`,
      fetch: globalThis.fetch,
      internalToken: () => token,
      accessToken: () => undefined,
      clock: { ...systemClock, now: () => NOW },
    });
    const { clock, slept } = fakeClock([0.1]);

    const content = await withRetry(() => client.upsertContent(3, { title: 'Tenet' }), {
      policy,
      clock,
    });
    expect(content.title).toBe('Tenet');
    expect(slept).toEqual([2000, 2000]);
    expect(standIn.requests).toHaveLength(1);

    token = 'wrong-token-0000';
    standIn.clearRequests();
    await failureOf(
      withRetry(() => client.upsertContent(3, { title: 'X' }), { policy, clock }),
      'E_PLATFORM_AUTH',
    );
    expect(standIn.requests).toHaveLength(1);
  });
});
