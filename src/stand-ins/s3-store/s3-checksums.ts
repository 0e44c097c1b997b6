import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import zlib from 'node:zlib';
import { AwsChunkedDecoder } from './aws-chunked-decoder';
import { crc32c } from './crc32c';

/** The checksum kinds S3 accepts on a request, by the name the proxy counts them under. */
export type ChecksumAlgorithm = 'md5' | 'crc32' | 'crc32c' | 'sha1' | 'sha256' | 'crc64nvme';

/** What S3 answers when a checksum header is malformed or does not match the body. */
export interface ChecksumRejection {
  code:
    | 'BadDigest'
    | 'IncompleteBody'
    | 'InvalidDigest'
    | 'InvalidRequest'
    | 'MalformedTrailerError'
    | 'XAmzContentSHA256Mismatch';
  message: string;
  details?: Record<string, string>;
}

export interface Digester {
  update(chunk: Buffer): void;
  /** The digest in the encoding the header carries (base64; hex for x-amz-content-sha256). */
  result(): string;
}

const FLEXIBLE: Record<string, { algorithm: ChecksumAlgorithm; label: string; bytes: number }> = {
  'x-amz-checksum-crc32': { algorithm: 'crc32', label: 'CRC32', bytes: 4 },
  'x-amz-checksum-crc32c': { algorithm: 'crc32c', label: 'CRC32C', bytes: 4 },
  'x-amz-checksum-sha1': { algorithm: 'sha1', label: 'SHA1', bytes: 20 },
  'x-amz-checksum-sha256': { algorithm: 'sha256', label: 'SHA256', bytes: 32 },
  'x-amz-checksum-crc64nvme': { algorithm: 'crc64nvme', label: 'CRC64NVME', bytes: 8 },
};

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The checks one request's headers ask for, fed with the body bytes as they pass. `verify()`
 * after the last byte returns S3's rejection, or undefined when every digest matches.
 */
export interface RequestChecksums {
  /** Algorithms named in headers (counted even when the proxy cannot verify them). */
  readonly headers: ChecksumAlgorithm[];
  /** Algorithms announced as aws-chunked trailers (`x-amz-trailer`), verified like headers. */
  readonly trailers: string[];
  /** True when x-amz-content-sha256 carries a hex payload hash. */
  readonly payloadSha256: boolean;
  /** A rejection known from the headers alone (malformed values), before any body byte. */
  readonly early: ChecksumRejection | undefined;
  update(chunk: Buffer): void;
  verify(): ChecksumRejection | undefined;
  /**
   * The flexible checksum the request declared (header, else trailer), once `verify()` passed:
   * what a store keeps with the object and echoes back.
   */
  declared(): { algorithm: ChecksumAlgorithm; value: string } | undefined;
}

export interface RequestChecksumOptions {
  /**
   * Receives the payload as it is hashed: the body itself, or for an aws-chunked body the
   * decoded bytes without their framing (what a store must write to disk).
   */
  onPayload?: (payload: Buffer) => void;
}

function hashDigester(name: 'md5' | 'sha1' | 'sha256', encoding: 'base64' | 'hex'): Digester {
  const hash = crypto.createHash(name);
  return { update: (chunk) => hash.update(chunk), result: () => hash.digest(encoding) };
}

function crcDigester(step: (chunk: Buffer, previous: number) => number): Digester {
  let value = 0;
  return {
    update: (chunk) => {
      value = step(chunk, value);
    },
    result: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(value >>> 0); // S3 sends the big-endian 32-bit value, base64-encoded
      return out.toString('base64');
    },
  };
}

/** A streaming digest in S3's base64 form, or undefined for CRC64NVME (not implemented). */
export function digesterFor(algorithm: ChecksumAlgorithm): Digester | undefined {
  switch (algorithm) {
    case 'md5':
    case 'sha1':
    case 'sha256':
      return hashDigester(algorithm, 'base64');
    case 'crc32':
      return crcDigester((chunk, previous) => zlib.crc32(chunk, previous));
    case 'crc32c':
      return crcDigester(crc32c);
    case 'crc64nvme':
      return undefined; // no implementation at hand: passed through unverified, but counted
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decodedLength(value: string): number {
  return BASE64.test(value) ? Buffer.from(value, 'base64').length : -1;
}

interface Check {
  expected: string;
  digester: Digester;
  mismatch: (calculated: string) => ChecksumRejection;
}

/** Reads the checksum headers of a request the way S3 does and prepares their digests. */
export function requestChecksums(
  headers: IncomingHttpHeaders,
  options: RequestChecksumOptions = {},
): RequestChecksums {
  const seen: ChecksumAlgorithm[] = [];
  const checks: Check[] = [];
  let early: ChecksumRejection | undefined;

  const md5 = header(headers, 'content-md5');
  if (md5 !== undefined) {
    seen.push('md5');
    if (decodedLength(md5) !== 16) {
      early ??= { code: 'InvalidDigest', message: 'The Content-MD5 you specified was invalid.' };
    } else {
      checks.push({
        expected: md5,
        digester: digesterFor('md5')!,
        mismatch: (calculated) => ({
          code: 'BadDigest',
          message: 'The Content-MD5 you specified did not match what we received.',
          details: { ExpectedDigest: md5, CalculatedDigest: calculated },
        }),
      });
    }
  }

  const flexible = Object.keys(FLEXIBLE).filter((name) => header(headers, name) !== undefined);
  if (flexible.length > 1) {
    early ??= {
      code: 'InvalidRequest',
      message:
        'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    };
  }
  for (const name of flexible) {
    const { algorithm, label, bytes } = FLEXIBLE[name]!;
    const value = header(headers, name)!;
    seen.push(algorithm);
    if (decodedLength(value) !== bytes) {
      early ??= { code: 'InvalidRequest', message: `Value for ${name} header is invalid.` };
      continue;
    }
    const digester = digesterFor(algorithm);
    if (!digester) continue;
    checks.push({
      expected: value,
      digester,
      mismatch: () => ({
        code: 'BadDigest',
        message: `The ${label} you specified did not match the calculated checksum.`,
      }),
    });
  }

  // x-amz-content-sha256 is checked last: when a body is damaged in flight and both kinds of
  // header are present, tests see the BadDigest that a flexible checksum produces.
  const contentSha256 = header(headers, 'x-amz-content-sha256');
  const payloadSha256 = contentSha256 !== undefined && HEX_SHA256.test(contentSha256);
  if (payloadSha256) {
    checks.push({
      expected: contentSha256,
      digester: hashDigester('sha256', 'hex'),
      mismatch: (calculated) => ({
        code: 'XAmzContentSHA256Mismatch',
        message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
        details: {
          ClientComputedContentSHA256: contentSha256,
          S3ComputedContentSHA256: calculated,
        },
      }),
    });
  }

  const trailerNames = (header(headers, 'x-amz-trailer') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const trailers = trailerNames.map((name) => FLEXIBLE[name]?.algorithm ?? name);

  // An aws-chunked body (the SDK streaming with a trailing checksum) is hashed after decoding;
  // its x-amz-content-sha256 is a STREAMING-* marker, never a payload hash.
  const chunked =
    /aws-chunked/i.test(header(headers, 'content-encoding') ?? '') ||
    (contentSha256 ?? '').startsWith('STREAMING-');
  const feed = (chunk: Buffer): void => {
    options.onPayload?.(chunk);
    for (const check of checks) check.digester.update(chunk);
    for (const trailer of trailerChecks) trailer.digester.update(chunk);
  };
  const decoder = chunked ? new AwsChunkedDecoder(feed) : undefined;
  const trailerChecks = trailerNames.flatMap((name) => {
    const known = FLEXIBLE[name];
    const digester = known && decoder ? digesterFor(known.algorithm) : undefined;
    return known && digester ? [{ name, label: known.label, bytes: known.bytes, digester }] : [];
  });
  const declaredLength = Number(header(headers, 'x-amz-decoded-content-length') ?? Number.NaN);

  const verifyChunked = (body: AwsChunkedDecoder): ChecksumRejection | undefined => {
    if (body.error) {
      return {
        code: 'IncompleteBody',
        message: `The aws-chunked body is malformed: ${body.error}.`,
      };
    }
    if (Number.isFinite(declaredLength) && body.decodedLength !== declaredLength) {
      return {
        code: 'IncompleteBody',
        message:
          'You did not provide the number of bytes specified by x-amz-decoded-content-length.',
      };
    }
    for (const trailer of trailerChecks) {
      const value = body.trailers[trailer.name];
      if (value === undefined || decodedLength(value) !== trailer.bytes) {
        return {
          code: 'MalformedTrailerError',
          message: `The request contained trailing data that was not well-formed: ${trailer.name}.`,
        };
      }
      if (trailer.digester.result() !== value) {
        return {
          code: 'BadDigest',
          message: `The ${trailer.label} you specified did not match the calculated checksum.`,
        };
      }
    }
    return undefined;
  };

  return {
    headers: seen,
    trailers,
    payloadSha256,
    early,
    update(chunk) {
      if (decoder) decoder.push(chunk);
      else feed(chunk);
    },
    verify() {
      const framing = decoder ? verifyChunked(decoder) : undefined;
      if (framing) return framing;
      for (const check of checks) {
        const calculated = check.digester.result();
        if (calculated !== check.expected) return check.mismatch(calculated);
      }
      return undefined;
    },
    declared() {
      const named = flexible[0];
      if (named !== undefined) {
        return { algorithm: FLEXIBLE[named]!.algorithm, value: header(headers, named)! };
      }
      for (const trailer of trailerChecks) {
        const value = decoder?.trailers[trailer.name];
        if (value !== undefined) return { algorithm: FLEXIBLE[trailer.name]!.algorithm, value };
      }
      return undefined;
    },
  };
}
