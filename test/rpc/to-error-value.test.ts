import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dailiesError } from '../../src/shared/contract';
import {
  INTERNAL_MESSAGE,
  toDailiesError,
  toErrorValue,
} from '../../src/engine/rpc/to-error-value';
import { recordingLogger } from '../helpers/recording-logger';

describe('the one mapping of anything thrown', () => {
  it('keeps a DailiesError as it is and logs nothing', () => {
    const { logger, records } = recordingLogger();
    const error = dailiesError('E_NETWORK', 'The platform is not answering.', { retryable: true });
    expect(toDailiesError(error, logger, 'assets.search')).toBe(error);
    expect(toErrorValue(error, logger, 'assets.search')).toEqual(error.toValue());
    expect(records).toEqual([]);
  });

  it('turns a zod failure into E_VALIDATION with the field paths', () => {
    const { logger, records } = recordingLogger();
    const parsed = z.object({ limit: z.number() }).safeParse({ limit: 'ten' });
    const value = toErrorValue(parsed.error, logger, 'assets.search');
    expect(value).toMatchObject({ code: 'E_VALIDATION', retryable: false });
    expect(value.details?.fields).toEqual([{ path: 'limit', message: expect.any(String) }]);
    expect(records).toEqual([]);
  });

  it('shows an unknown error as a plain E_INTERNAL and logs it with its stack', () => {
    const { logger, errors } = recordingLogger();
    const bug = new RangeError('offset 991 out of range in /home/ana/Secret Project/a.mov');
    const value = toErrorValue(bug, logger, 'assets.addPaths');
    expect(value).toEqual({ code: 'E_INTERNAL', message: INTERNAL_MESSAGE, retryable: false });
    expect(JSON.stringify(value)).not.toContain('Secret');
    expect(errors()).toEqual([
      {
        level: 'error',
        scope: 'test',
        message: 'unexpected failure',
        fields: { context: 'assets.addPaths', error: bug },
      },
    ]);
    expect(toDailiesError('a string', logger, 'x').toValue()).toEqual(value);
  });
});
