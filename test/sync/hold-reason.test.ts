import { describe, expect, it } from 'vitest';
import { dailiesError } from '../../src/shared/contract';
import { platformFailure } from '../../src/engine/platform/platform-answer';
import { holdReasonFor } from '../../src/engine/sync/sync-holds';
import { classifyS3Failure } from '../../src/engine/storage/s3-failure';

/** The platform's answer as the client reads it, through the real mapping. */
const platformAnswer = (status: number) =>
  platformFailure(
    { auth: 'internal-token', subject: 'content 12' },
    { status, headers: { get: () => null }, text: '{"detail":"boom"}' },
    { nowMs: 0, redact: (value) => value },
  );

/** An SDK error as the S3 client throws it, through the real mapping. */
const s3Answer = (status: number | undefined, name: string) =>
  classifyS3Failure(
    Object.assign(new Error(name), {
      name,
      ...(status === undefined
        ? { code: 'ECONNRESET' }
        : { $metadata: { httpStatusCode: status } }),
    }),
    { doing: 'uploading part 3' },
  );

describe('which final errors hold a profile’s syncs', () => {
  it('holds as offline when nothing answered or a gateway says the server is away', () => {
    expect(holdReasonFor(dailiesError('E_NETWORK', 'connection refused'))).toBe('offline');
    expect(holdReasonFor(dailiesError('E_TIMEOUT', 'no answer in 30 s'))).toBe('offline');
    expect(holdReasonFor(s3Answer(undefined, 'Error'))).toBe('offline');
    for (const status of [502, 503, 504, 429]) {
      expect(holdReasonFor(platformAnswer(status))).toBe('offline');
      expect(holdReasonFor(s3Answer(status, 'SlowDown'))).toBe('offline');
    }
  });

  it('fails the asset when a server answered 500: holding would retry it for ever', () => {
    expect(holdReasonFor(platformAnswer(500))).toBeNull();
    expect(holdReasonFor(s3Answer(500, 'InternalError'))).toBeNull();
  });

  it('holds refused tokens and keys for the editor, and lets other errors fail', () => {
    expect(holdReasonFor(platformAnswer(401))).toBe('auth');
    expect(holdReasonFor(s3Answer(403, 'InvalidAccessKeyId'))).toBe('auth');
    expect(holdReasonFor(platformAnswer(422))).toBeNull();
    expect(holdReasonFor(dailiesError('E_FILE_CHANGED', 'changed'))).toBeNull();
  });
});
