import { dailiesError } from '../../../shared/contract/errors';
import type { Clock } from '../../time/clock';

export interface BandwidthLimiterOptions {
  /** Bytes per second for all uploads together; 0 or less means unlimited. */
  bytesPerSecond: number;
  /** Bytes that may go at once after a quiet spell; default one second's worth. */
  burstBytes?: number;
  clock: Clock;
}

export interface BandwidthLimiter {
  /** Resolves when `bytes` may be sent; callers queue in arrival order (no starvation). */
  take(bytes: number, signal?: AbortSignal): Promise<void>;
  /** Changes the limit at once, e.g. when the editor edits the setting mid-upload. */
  setRate(bytesPerSecond: number): void;
  /** Bytes granted so far, for accounting and tests. */
  granted(): number;
}

interface Waiter {
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * One token bucket shared by every upload. Waiters are served first come, first served, so
 * 50 transfers each get their turn; a request larger than the bucket is served once the bucket
 * is full and leaves it in debt, which keeps the long-run rate exact whatever the chunk size.
 * Only one timer runs however many transfers wait.
 */
export function createBandwidthLimiter(options: BandwidthLimiterOptions): BandwidthLimiter {
  const { clock } = options;
  let rate = options.bytesPerSecond;
  const burst = () => options.burstBytes ?? Math.max(rate, 1);
  let tokens = burst();
  let last = clock.now();
  let total = 0;
  let pumping = false;
  const queue: Waiter[] = [];

  const refill = (): void => {
    const now = clock.now();
    if (rate > 0) tokens = Math.min(burst(), tokens + ((now - last) * rate) / 1000);
    last = now;
  };

  const grant = (waiter: Waiter): void => {
    if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
    total += waiter.bytes;
    waiter.resolve();
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        if (rate <= 0) {
          for (const waiter of queue.splice(0)) grant(waiter);
          break;
        }
        refill();
        const head = queue[0]!;
        const needed = Math.min(head.bytes, burst());
        if (tokens >= needed) {
          queue.shift();
          tokens -= head.bytes;
          grant(head);
          continue;
        }
        await clock.sleep(Math.max(1, Math.ceil(((needed - tokens) * 1000) / rate)));
      }
    } finally {
      pumping = false;
    }
  };

  return {
    take(bytes, signal) {
      if (signal?.aborted) return Promise.reject(dailiesError('E_CANCELLED', 'Cancelled.'));
      if (rate <= 0 && queue.length === 0) {
        total += bytes;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { bytes, resolve, reject, signal };
        if (signal) {
          waiter.onAbort = () => {
            const at = queue.indexOf(waiter);
            if (at >= 0) queue.splice(at, 1);
            reject(dailiesError('E_CANCELLED', 'Cancelled.'));
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        queue.push(waiter);
        void pump();
      });
    },
    setRate(bytesPerSecond) {
      refill();
      rate = bytesPerSecond;
      tokens = Math.min(tokens, burst());
    },
    granted: () => total,
  };
}
