import type { Logger } from '../logging/logger';
import type { RetryInfo } from '../time/retry-policy';

/**
 * What `dailies.log` says of a sync, so support can tell afterwards what happened to an
 * asset: each step's start and end with its outcome and timing, each retry with its reason,
 * and where a resumed sync took up again. Secrets never get here: the logger masks them,
 * and the S3 and platform errors quoted are already redacted.
 */
export function logRetry(logger: Logger): (info: RetryInfo) => void {
  return (info) =>
    logger.warn('retrying after a failure', {
      attempt: info.attempt,
      delayMs: info.delayMs,
      basis: info.basis,
      code: info.error.code,
      reason: info.error.message,
      ...(info.error.details?.status === undefined ? {} : { status: info.error.details.status }),
    });
}

export interface StepLogFields {
  assetId: number;
  contentId: number | null;
  step: string;
}

/** Runs one step, logging its start, and its end or failure with the time it took. */
export async function loggedStep<T>(
  logger: Logger,
  fields: StepLogFields,
  now: () => number,
  run: () => Promise<T>,
  describe: (result: T) => Record<string, unknown> = () => ({}),
): Promise<T> {
  const started = now();
  logger.info('sync step started', { ...fields });
  try {
    const result = await run();
    logger.info('sync step finished', {
      ...fields,
      outcome: 'done',
      ms: now() - started,
      ...describe(result),
    });
    return result;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
    logger.warn('sync step ended without finishing', {
      ...fields,
      outcome: code === 'E_CANCELLED' ? 'stopped' : 'failed',
      ms: now() - started,
      code,
    });
    throw error;
  }
}
