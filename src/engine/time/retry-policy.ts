import { dailiesError, DailiesError, type ErrorCode } from '../../shared/contract/errors';
import type { Clock } from './clock';
import { parseRetryAfter } from './retry-after';

/**
 * How one sync step retries: exponential backoff with full jitter, at least
 * as long as a server's Retry-After, a bounded number of attempts, and never for errors a
 * retry cannot fix. Pure apart from the injected clock (now, sleep, random), so a test can
 * assert the exact schedule without waiting.
 */
export interface RetryPolicy {
  /** Attempts per step, the first one included. */
  maxAttempts: number;
  /** The backoff ceiling after the first failure; it doubles with each further one. */
  baseDelayMs: number;
  /** The backoff ceiling never grows beyond this. */
  maxDelayMs: number;
  /** A Retry-After longer than this is cut to it, so one answer cannot park a step for days. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 15 * 60_000,
};

export type GiveUpReason = 'auth' | 'cancelled' | 'not-retryable' | 'attempts-exhausted';

export type RetryDecision =
  | { kind: 'retry'; delayMs: number; basis: 'backoff' | 'retry-after' }
  | { kind: 'give-up'; reason: GiveUpReason };

/** Errors that ask the editor, never a loop (wrong token, wrong keys, signed out). */
const AUTH_CODES: readonly ErrorCode[] = ['E_PLATFORM_AUTH', 'E_S3_AUTH'];

/** The backoff ceiling after `failures` failed attempts (1 = after the first). */
export function backoffCeiling(policy: RetryPolicy, failures: number): number {
  const exponent = Math.max(failures - 1, 0);
  // 2 ** 1024 is Infinity; Math.min handles that, but keep the arithmetic finite anyway.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 52));
}

/** Milliseconds a server asked us to wait, from an error's details. */
function retryAfterOf(error: DailiesError, nowMs: number): number | undefined {
  const details = error.details ?? {};
  if (typeof details.retryAfterMs === 'number' && Number.isFinite(details.retryAfterMs))
    return Math.max(details.retryAfterMs, 0);
  return typeof details.retryAfter === 'string'
    ? parseRetryAfter(details.retryAfter, nowMs)
    : undefined;
}

/**
 * Whether to try again after the `failures`-th failed attempt, and how long to wait: full
 * jitter (uniform in [0, ceiling)), raised to the server's Retry-After when it gave one.
 */
export function decideRetry(
  error: unknown,
  failures: number,
  policy: RetryPolicy,
  random: () => number,
  nowMs: number,
): RetryDecision {
  if (!(error instanceof DailiesError)) return { kind: 'give-up', reason: 'not-retryable' };
  if (AUTH_CODES.includes(error.code)) return { kind: 'give-up', reason: 'auth' };
  if (error.code === 'E_CANCELLED') return { kind: 'give-up', reason: 'cancelled' };
  if (!error.retryable) return { kind: 'give-up', reason: 'not-retryable' };
  if (failures >= policy.maxAttempts) return { kind: 'give-up', reason: 'attempts-exhausted' };

  const jittered = Math.floor(random() * backoffCeiling(policy, failures));
  const retryAfter = retryAfterOf(error, nowMs);
  if (retryAfter !== undefined && retryAfter >= jittered) {
    return {
      kind: 'retry',
      delayMs: Math.min(retryAfter, policy.maxRetryAfterMs),
      basis: 'retry-after',
    };
  }
  return { kind: 'retry', delayMs: jittered, basis: 'backoff' };
}

export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  basis: 'backoff' | 'retry-after';
  error: DailiesError;
}

/** What a service needs to retry a step: the bound, and the clock that waits and jitters. */
export interface Retrying {
  policy: RetryPolicy;
  clock: Clock;
  /** Told of every retry made with this bound, whoever asked for it: for the log. */
  observe?: (info: RetryInfo) => void;
}

export interface WithRetryOptions extends Retrying {
  signal?: AbortSignal;
  /** Told before each wait: for progress events ("retrying in 8 s") and logs. */
  onRetry?: (info: RetryInfo) => void;
}

function cancelled(): DailiesError {
  return dailiesError('E_CANCELLED', 'The step was cancelled.');
}

/**
 * Runs `step` until it succeeds or the policy gives up. The error it gives up with is the
 * last one, with `attempts` and `gaveUp` added to its details so the asset's failed state can
 * say how hard Dailies tried.
 */
export async function withRetry<T>(
  step: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  const { policy, clock, signal } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw cancelled();
    try {
      return await step(attempt);
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      const decision = decideRetry(error, attempt, policy, () => clock.random(), clock.now());
      if (decision.kind === 'give-up') {
        if (!(error instanceof DailiesError) || decision.reason === 'cancelled') throw error;
        throw new DailiesError({
          ...error.toValue(),
          details: { ...error.details, attempts: attempt, gaveUp: decision.reason },
        });
      }
      const info: RetryInfo = {
        attempt,
        delayMs: decision.delayMs,
        basis: decision.basis,
        error: error as DailiesError,
      };
      options.onRetry?.(info);
      options.observe?.(info);
      await clock.sleep(decision.delayMs, signal);
      if (signal?.aborted) throw cancelled();
    }
  }
}
