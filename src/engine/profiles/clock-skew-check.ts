import type { ConnectionCheck } from '../../shared/contract';
import { check } from './connection-check';

/** Beyond this, S3 signatures start to fail (15 min) and token expiry times mislead. */
const SKEW_WARN_MS = 2 * 60 * 1000;

/**
 * This computer's clock against the platform's, from the Date header of the last answer and
 * when (on the engine's clock) it arrived.
 */
export function clockSkewCheck(serverDates: { date: string; at: number }[]): ConnectionCheck {
  const last = serverDates.at(-1);
  const server = last ? Date.parse(last.date) : Number.NaN;
  if (!last || Number.isNaN(server)) {
    return check('clock-skew', 'skip', 'Not checked: the platform sent no Date header.');
  }
  // The header has whole seconds; the answer arrived up to a second after it was stamped.
  const skewMs = last.at - server;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (Math.abs(skewMs) >= SKEW_WARN_MS) {
    return check(
      'clock-skew',
      'warn',
      `This computer's clock is ${seconds} s ${skewMs > 0 ? 'ahead of' : 'behind'} the platform's. ` +
        'Set the clock right: S3 refuses requests beyond 15 minutes, and sign-in expiry times will be off.',
    );
  }
  return check(
    'clock-skew',
    'pass',
    `This computer's clock is within ${Math.max(seconds, 1)} s of the platform's.`,
  );
}
