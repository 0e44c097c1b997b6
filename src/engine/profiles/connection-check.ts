import type { ConnectionCheck, ConnectionCheckId, ErrorCode } from '../../shared/contract';
import type { Logger } from '../logging/logger';
import { toDailiesError } from '../rpc/to-error-value';

const labels: Record<ConnectionCheckId, string> = {
  'platform-health': 'Platform answers',
  'internal-token': 'Internal token accepted',
  'sign-in': 'Signed in',
  'bucket-reachable': 'Bucket reachable',
  'bucket-writable': 'Bucket writable',
  'clock-skew': 'Clock in step',
};

export function check(
  id: ConnectionCheckId,
  result: ConnectionCheck['result'],
  reason: string,
  code?: ErrorCode,
): ConnectionCheck {
  return { id, label: labels[id], result, reason, ...(code ? { code } : {}) };
}

/** A failed check with the error's reason; an unknown error is logged, never shown raw. */
export function failedCheck(
  id: ConnectionCheckId,
  error: unknown,
  logger: Logger,
): ConnectionCheck {
  const reason = toDailiesError(error, logger, `connection test: ${id}`);
  return check(id, 'fail', reason.message, reason.code);
}
