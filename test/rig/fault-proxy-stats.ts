import type { FaultKind } from './fault-rules';
import type { ChecksumAlgorithm } from '../../src/stand-ins/s3-store/s3-checksums';

/** What the fault proxy saw, for tests to assert on and benchmarks to report. */
export interface FaultProxyStats {
  /** Requests received (faulted ones included). */
  requests: number;
  /** Requests by S3 operation ('s3' mode) or by method ('http' mode). */
  byOperation: Record<string, number>;
  /** Requests carrying each checksum header (`Content-MD5` counts as 'md5'). */
  checksumHeaders: Partial<Record<ChecksumAlgorithm, number>>;
  /** Requests announcing each aws-chunked trailer checksum (counted, not verified). */
  checksumTrailers: Record<string, number>;
  /** Requests whose x-amz-content-sha256 was a hex payload hash (verified too). */
  payloadSha256: number;
  /** Request body bytes sent on to the server. */
  bytesForwarded: number;
  /** Response body bytes sent back to clients. */
  bytesReturned: number;
  /** Faults injected, by kind. */
  faults: Partial<Record<FaultKind, number>>;
  /** Requests the proxy refused itself, by S3 error code (BadDigest, InvalidDigest, ...). */
  rejected: Record<string, number>;
}

export function emptyStats(): FaultProxyStats {
  return {
    requests: 0,
    byOperation: {},
    checksumHeaders: {},
    checksumTrailers: {},
    payloadSha256: 0,
    bytesForwarded: 0,
    bytesReturned: 0,
    faults: {},
    rejected: {},
  };
}
