import { describe, expect, it } from 'vitest';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { INTERNAL_MESSAGE } from '../../../src/engine/rpc/to-error-value';
import {
  classifyS3Failure,
  isS3Failure,
  s3ErrorCode,
} from '../../../src/engine/storage/s3-failure';
import { recordingLogger } from '../../helpers/recording-logger';

/** An SDK error as the S3 client throws it: a ServiceException with the store's code and status. */
function answer(status: number, code: string, extra: Record<string, unknown> = {}): unknown {
  return Object.assign(
    new S3ServiceException({
      name: code,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata: { httpStatusCode: status },
      message: `the store says ${code}`,
    }),
    extra,
  );
}

/** A connection failure as Node reports it. */
function nodeFailure(code: string, name = 'Error'): unknown {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:9000`), { code, name });
}

const uploading = { doing: 'uploading videos/7.mp4', bucket: 'dailies-origin' };
const testing = {
  doing: 'testing the connection',
  where: '127.0.0.1:9000',
  bucket: 'dailies-origin',
  operation: 'HeadBucket',
};

describe('the one S3 failure classification', () => {
  it('refused keys and permissions are E_S3_AUTH, never retried, with one set of details', () => {
    const cases = [
      ['InvalidAccessKeyId', /does not know the S3 access key id of this profile/],
      ['SignatureDoesNotMatch', /refused the S3 secret access key of this profile/],
      ['AccessDenied', /denied access on the bucket "dailies-origin" \(AccessDenied\)/],
    ] as const;
    for (const [code, wording] of cases) {
      const error = classifyS3Failure(answer(403, code), uploading);
      expect(error).toMatchObject({ code: 'E_S3_AUTH', retryable: false });
      expect(error.message).toMatch(/^While uploading videos\/7\.mp4, the storage /);
      expect(error.message).toMatch(wording);
      expect(error.details).toEqual({
        doing: 'uploading videos/7.mp4',
        s3Code: code,
        status: 403,
        bucket: 'dailies-origin',
        s3Message: `the store says ${code}`,
      });
    }
  });

  it('words the same refusal for its context, with the same code and keys', () => {
    const upload = classifyS3Failure(answer(403, 'InvalidAccessKeyId'), uploading);
    const test = classifyS3Failure(answer(403, 'InvalidAccessKeyId'), testing);
    expect(test.code).toBe(upload.code);
    expect(Object.keys(test.details!).sort()).toEqual(
      [...Object.keys(upload.details!), 'operation'].sort(),
    );
    expect(upload.message).toBe(
      'While uploading videos/7.mp4, the storage does not know the S3 access key id of this ' +
        'profile (InvalidAccessKeyId). Check the key id.',
    );
    expect(test.message).toBe(
      'While testing the connection, 127.0.0.1:9000 does not know the S3 access key id of this ' +
        'profile (InvalidAccessKeyId). Check the key id.',
    );
  });

  it('a bodyless 403 (a HEAD) says the keys are wrong or not allowed', () => {
    const error = classifyS3Failure(answer(403, 'Forbidden'), testing);
    expect(error.code).toBe('E_S3_AUTH');
    expect(error.message).toMatch(/refused access .* \(403\): the S3 keys are wrong/);
  });

  it('a missing bucket, object or upload is E_NOT_FOUND', () => {
    const bucket = classifyS3Failure(answer(404, 'NoSuchBucket'), uploading);
    expect(bucket).toMatchObject({ code: 'E_NOT_FOUND', retryable: false });
    expect(bucket.message).toBe(
      'While uploading videos/7.mp4, the bucket "dailies-origin" does not exist at the storage.',
    );
    // HeadBucket's 404 has no body: the status alone says the bucket is missing.
    expect(classifyS3Failure(answer(404, 'NotFound'), testing).message).toBe(
      'While testing the connection, the bucket "dailies-origin" does not exist at 127.0.0.1:9000.',
    );
    const key = classifyS3Failure(answer(404, 'NoSuchKey'), { ...uploading, key: 'videos/7.mp4' });
    expect(key).toMatchObject({ code: 'E_NOT_FOUND', details: { s3Code: 'NoSuchKey' } });
    expect(key.message).toContain('has nothing at videos/7.mp4 (404 NoSuchKey)');
    const upload = classifyS3Failure(answer(404, 'NoSuchUpload'), uploading);
    expect(upload.code).toBe('E_NOT_FOUND');
    expect(s3ErrorCode(upload)).toBe('NoSuchUpload');
  });

  it('a failed precondition (412) is E_CONFLICT: nothing was overwritten', () => {
    const error = classifyS3Failure(answer(412, 'PreconditionFailed'), {
      doing: 'updating the metadata of videos/7.mp4',
      key: 'videos/7.mp4',
    });
    expect(error).toMatchObject({ code: 'E_CONFLICT', retryable: false, details: { status: 412 } });
    expect(error.message).toContain('did not overwrite it');
  });

  it('5xx, 429 and throttling are retryable E_NETWORK, keeping Retry-After', () => {
    for (const [status, code] of [
      [500, 'InternalError'],
      [503, 'SlowDown'],
      [502, 'BadGateway'],
      [429, 'TooManyRequests'],
    ] as const) {
      const error = classifyS3Failure(answer(status, code), uploading);
      expect(error).toMatchObject({ code: 'E_NETWORK', retryable: true, details: { status } });
      expect(error.message).toBe(
        `While uploading videos/7.mp4, the storage did not answer properly (${status} ${code}).`,
      );
    }
    const throttled = classifyS3Failure(
      answer(503, 'SlowDown', { $response: { headers: { 'retry-after': '7' } } }),
      uploading,
    );
    expect(throttled.details?.retryAfter).toBe('7');
  });

  it('timeouts and refused or cut connections are retryable E_NETWORK with the reason', () => {
    const refused = classifyS3Failure(nodeFailure('ECONNREFUSED'), testing);
    expect(refused).toMatchObject({
      code: 'E_NETWORK',
      retryable: true,
      details: { s3Code: 'ECONNREFUSED' },
    });
    expect(refused.message).toBe(
      'While testing the connection, Dailies cannot reach S3 at 127.0.0.1:9000: nothing is ' +
        'answering at that address.',
    );
    // Node reports a refused dual-stack connection as an AggregateError of the attempts.
    const aggregate = Object.assign(new AggregateError([nodeFailure('ECONNREFUSED')], ''), {
      code: undefined,
    });
    expect(classifyS3Failure(aggregate, uploading).details?.s3Code).toBe('ECONNREFUSED');
    const timeout = classifyS3Failure(nodeFailure('ETIMEDOUT'), uploading);
    expect(timeout).toMatchObject({ code: 'E_NETWORK', retryable: true });
    expect(timeout.message).toContain('the connection timed out');
    const sdkTimeout = Object.assign(new Error('Connection timed out after 1000 ms'), {
      name: 'TimeoutError',
    });
    expect(classifyS3Failure(sdkTimeout, uploading)).toMatchObject({
      code: 'E_NETWORK',
      retryable: true,
    });
    expect(classifyS3Failure(answer(400, 'RequestTimeout'), uploading).retryable).toBe(true);
  });

  it('an unknown error is no S3 failure: a plain E_INTERNAL, logged with its stack', () => {
    const bug = new TypeError('Cannot read properties of undefined (reading "ETag")');
    expect(isS3Failure(bug)).toBe(false);
    expect(isS3Failure(answer(403, 'AccessDenied'))).toBe(true);
    expect(isS3Failure(nodeFailure('ECONNRESET'))).toBe(true);
    const { logger, errors } = recordingLogger();
    const error = classifyS3Failure(bug, { ...testing, logger });
    expect(error.toValue()).toEqual({
      code: 'E_INTERNAL',
      message: INTERNAL_MESSAGE,
      retryable: false,
    });
    expect(JSON.stringify(error.toValue())).not.toContain('ETag');
    expect(errors()).toMatchObject([
      {
        message: 'unexpected failure',
        fields: { context: 'S3 while testing the connection', error: bug },
      },
    ]);
  });

  it('an answer it has no mapping for is E_INTERNAL naming the answer, not retried', () => {
    const error = classifyS3Failure(answer(405, 'MethodNotAllowed'), uploading);
    expect(error).toMatchObject({ code: 'E_INTERNAL', retryable: false });
    expect(error.message).toBe(
      'While uploading videos/7.mp4, the storage refused the request (405 MethodNotAllowed).',
    );
  });

  it('a 400 is a request the store will never take: E_VALIDATION saying what to check', () => {
    for (const code of ['InvalidArgument', 'InvalidBucketName', 'Unknown']) {
      const error = classifyS3Failure(answer(400, code), uploading);
      expect(error).toMatchObject({ code: 'E_VALIDATION', retryable: false });
      expect(error.message).toMatch(
        /^While uploading videos\/7\.mp4, the storage refused the request as invalid \(400( \w+)?\)\. Check the profile's endpoint, region and bucket\.$/,
      );
    }
  });
});
