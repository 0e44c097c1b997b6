import crypto from 'node:crypto';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import type { ConnectionCheck } from '../../shared/contract';
import type { Logger } from '../logging/logger';
import type { CredentialSources, S3Credentials } from '../secrets/credential-sources';
import { classifyS3Failure } from '../storage/s3-failure';
import { check, failedCheck } from './connection-check';
import type { StoredProfile } from './profile-service';
import { loadS3Sdk } from '../storage/s3-sdk';

export interface BucketCheckDeps {
  credentials: Pick<CredentialSources, 's3Credentials'>;
  s3Client: (profile: StoredProfile, credentials: S3Credentials) => Promise<S3Client>;
  logger: Logger;
}

/** An S3 failure of this test, worded and classified like every other S3 failure. */
function s3Failure(
  deps: BucketCheckDeps,
  error: unknown,
  where: string,
  bucket: string,
  operation: string,
) {
  return classifyS3Failure(error, {
    doing: 'testing the connection',
    where,
    bucket,
    operation,
    logger: deps.logger,
  });
}

/**
 * The bucket answers (HeadBucket), and takes and gives back one small probe object under the
 * profile's key prefix, written with the profile's encryption.
 */
export async function bucketChecks(
  deps: BucketCheckDeps,
  profile: StoredProfile,
): Promise<ConnectionCheck[]> {
  const { HeadBucketCommand, PutObjectCommand, DeleteObjectCommand } = await loadS3Sdk();
  const { bucket, keyPrefix, s3Endpoint, region } = profile.config;
  const where = s3Endpoint ? new URL(s3Endpoint).host : `AWS S3 in ${region}`;
  let credentials: S3Credentials | null;
  try {
    credentials = await deps.credentials.s3Credentials(profile.id);
  } catch (error) {
    return [
      failedCheck('bucket-reachable', error, deps.logger),
      check('bucket-writable', 'skip', 'Not checked: no usable S3 keys.'),
    ];
  }
  if (credentials === null) {
    return [
      check(
        'bucket-reachable',
        'fail',
        'No S3 keys are set for this profile. Enter the access key id and the secret access key.',
        'E_S3_AUTH',
      ),
      check('bucket-writable', 'skip', 'Not checked: no S3 keys.'),
    ];
  }
  const client = await deps.s3Client(profile, credentials);
  try {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (error) {
      return [
        failedCheck(
          'bucket-reachable',
          s3Failure(deps, error, where, bucket, 'HeadBucket'),
          deps.logger,
        ),
        check('bucket-writable', 'skip', 'Not checked: the bucket is not reachable.'),
      ];
    }
    const reachable = check(
      'bucket-reachable',
      'pass',
      `The bucket "${bucket}" answered at ${where}.`,
    );
    const key = `${keyPrefix}.dailies-connection-test/${crypto.randomUUID()}.txt`;
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: 'Written by Dailies to test the connection; safe to delete.\n',
          ContentType: 'text/plain',
          ...encryptionHeaders(profile),
        }),
      );
    } catch (error) {
      return [
        reachable,
        failedCheck(
          'bucket-writable',
          s3Failure(deps, error, where, bucket, 'PutObject'),
          deps.logger,
        ),
      ];
    }
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      const reason = s3Failure(deps, error, where, bucket, 'DeleteObject').message;
      return [
        reachable,
        check(
          'bucket-writable',
          'warn',
          `Wrote the probe object ${key} but could not delete it. ${reason}`,
        ),
      ];
    }
    return [
      reachable,
      check(
        'bucket-writable',
        'pass',
        `Wrote and deleted a probe object under "${keyPrefix || '/'}".`,
      ),
    ];
  } finally {
    client.destroy();
  }
}

function encryptionHeaders(profile: StoredProfile): Partial<PutObjectCommandInput> {
  const { encryption } = profile.config;
  switch (encryption.kind) {
    case 'none':
      return {};
    case 'sse-s3':
      return { ServerSideEncryption: 'AES256' };
    case 'sse-kms':
      return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: encryption.kmsKeyId };
  }
}
