import { dailiesError, DailiesError, type ErrorCode } from '../../shared/contract/errors';
import { parseRetryAfter } from './retry-after';

/**
 * How one sync step retries: exponential backoff with full jitter, at least
 * as long as a server's Retry-After, a bounded number of attempts, and never for errors a
 * retry cannot fix. Pure apart from the injected random, clock and sleep, so a test can
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

export interface RetryRuntime {
  /** Uniform in [0, 1). */
  random: () => number;
  /** Milliseconds since the epoch, for Retry-After dates. */
  now: () => number;
  /** Waits `ms`; rejects (or resolves early) when the signal aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told of every retry made with this runtime, whoever asked for it: for the log. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  basis: 'backoff' | 'retry-after';
  error: DailiesError;
}

export interface WithRetryOptions {
  policy: RetryPolicy;
  runtime: RetryRuntime;
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
  const { policy, runtime, signal } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw cancelled();
    try {
      return await step(attempt);
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      const decision = decideRetry(error, attempt, policy, runtime.random, runtime.now());
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
      runtime.onRetry?.(info);
      await runtime.sleep(decision.delayMs, signal);
      if (signal?.aborted) throw cancelled();
    }
  }
}

/** The real sleep: a timer that an abort clears at once. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
