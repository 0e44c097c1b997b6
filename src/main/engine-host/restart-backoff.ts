/**
 * How long to wait before restarting a crashed engine process: doubling from half a second
 * to half a minute, so a crash loop costs little CPU yet a one-off crash is over at once.
 * An engine that ran for `stableAfterMs` counts as healthy again and restarts quickly.
 */
export interface RestartBackoff {
  /** The delay before the next attempt, and its number (1-based). */
  next(now: number): { attempt: number; delayMs: number };
  /** Marks the moment the engine reported ready. */
  started(now: number): void;
}

export function createRestartBackoff(
  options: { initialMs?: number; maxMs?: number; stableAfterMs?: number } = {},
): RestartBackoff {
  const initialMs = options.initialMs ?? 500;
  const maxMs = options.maxMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  let attempt = 0;
  let startedAt: number | null = null;
  return {
    next(now) {
      if (startedAt !== null && now - startedAt >= stableAfterMs) attempt = 0;
      startedAt = null;
      attempt += 1;
      return { attempt, delayMs: Math.min(maxMs, initialMs * 2 ** (attempt - 1)) };
    },
    started(now) {
      startedAt = now;
    },
  };
}
