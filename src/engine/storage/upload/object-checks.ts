import type { S3Client } from '@aws-sdk/client-s3';
import { dailiesError } from '../../../shared/contract/errors';
import { contentTypeForKey } from '../object-keys';
import { headObject, type ExistingObject, type StepRunner } from './s3-steps';
import type { ServerSideEncryption, UploadJob, UploadOutcome } from './upload-types';

/** The headers every object gets: type, our metadata, encryption when asked. */
export function objectHeaders(
  job: Pick<UploadJob, 'key' | 'sha256' | 'metadata' | 'contentType' | 'encryption'>,
) {
  return {
    ContentType: job.contentType ?? contentTypeForKey(job.key),
    Metadata: { ...job.metadata, sha256: job.sha256.toLowerCase() },
    ...encryptionHeaders(job.encryption ?? { kind: 'none' }),
  };
}

function encryptionHeaders(encryption: ServerSideEncryption) {
  switch (encryption.kind) {
    case 'none':
      return {};
    case 'sse-s3':
      return { ServerSideEncryption: 'AES256' as const };
    case 'sse-kms':
      return { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: encryption.keyId };
  }
}

/**
 * What is at the key decides whether to send: nothing -> upload; this very file (size and
 * sha256 metadata) -> "already there"; anything else -> E_CONFLICT, never an overwrite, since
 * a colleague's object may live there. ETags are not compared: a multipart ETag is an MD5 of
 * MD5s, not the file's.
 */
export function judgeExisting(job: UploadJob, existing: ExistingObject): UploadOutcome {
  if (existing.size === job.expected.sizeBytes && existing.sha256 === job.sha256.toLowerCase()) {
    return { kind: 'already-there', size: existing.size };
  }
  throw dailiesError(
    'E_CONFLICT',
    `Another file is already stored at ${job.key}. Dailies never overwrites it: choose ` +
      'another slug or content id for this asset.',
    {
      details: {
        key: job.key,
        bucket: job.bucket,
        existingSize: existing.size,
        existingSha256: existing.sha256 ?? null,
      },
    },
  );
}

/** After writing: the store must hold the file's size and our sha256, or it is not done. */
export async function verifyStored(
  client: S3Client,
  run: StepRunner,
  job: UploadJob,
): Promise<void> {
  const stored = await headObject(client, run, job.bucket, job.key, job.signal);
  if (
    !stored ||
    stored.size !== job.expected.sizeBytes ||
    stored.sha256 !== job.sha256.toLowerCase()
  ) {
    throw dailiesError(
      'E_NETWORK',
      `The storage does not show ${job.key} as written; it will be sent again.`,
      {
        retryable: true,
        details: {
          key: job.key,
          stored: stored ? { size: stored.size, sha256: stored.sha256 } : null,
        },
      },
    );
  }
}
