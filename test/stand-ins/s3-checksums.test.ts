import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder } from '../../src/stand-ins/s3-store/aws-chunked-decoder';
import { crc32c } from '../../src/stand-ins/s3-store/crc32c';
import { requestChecksums } from '../../src/stand-ins/s3-store/s3-checksums';

function base64BigEndian(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}

describe('the checksums the fault proxy verifies', () => {
  it('computes CRC32C to the standard check values, in one go or in pieces', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(32))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
    const bytes = crypto.randomBytes(1001);
    expect(crc32c(bytes.subarray(13), crc32c(bytes.subarray(0, 13)))).toBe(crc32c(bytes));
  });

  it('decodes an aws-chunked body split at every possible boundary', () => {
    const payload = crypto.randomBytes(300);
    const crc = base64BigEndian(zlib.crc32(payload));
    const encoded = Buffer.concat([
      Buffer.from('100;chunk-signature=abc\r\n'),
      payload.subarray(0, 256),
      Buffer.from('\r\n2c\r\n'),
      payload.subarray(256),
      Buffer.from(`\r\n0\r\nx-amz-checksum-crc32:${crc}\r\n\r\n`),
    ]);
    const received: Buffer[] = [];
    const decoder = new AwsChunkedDecoder((data) => received.push(Buffer.from(data)));
    for (const byte of encoded) decoder.push(Buffer.from([byte]));
    expect(decoder.error).toBeUndefined();
    expect(Buffer.concat(received).equals(payload)).toBe(true);
    expect(decoder.trailers).toEqual({ 'x-amz-checksum-crc32': crc });

    const truncated = new AwsChunkedDecoder(() => {});
    truncated.push(encoded.subarray(0, 100));
    expect(truncated.error).toBe('the body ends early');
  });

  it('answers like S3 for malformed and conflicting headers', () => {
    expect(requestChecksums({ 'content-md5': 'short' }).early?.code).toBe('InvalidDigest');
    expect(requestChecksums({ 'x-amz-checksum-crc32': 'AAAA' }).early?.code).toBe('InvalidRequest');
    const both = requestChecksums({
      'x-amz-checksum-crc32': 'AAAAAA==',
      'x-amz-checksum-crc32c': 'AAAAAA==',
    });
    expect(both.early?.message).toMatch(/single x-amz-checksum- header/);
  });

  it('checks a hex x-amz-content-sha256 against the payload', () => {
    const body = Buffer.from('payload');
    const wrong = requestChecksums({ 'x-amz-content-sha256': 'a'.repeat(64) });
    wrong.update(body);
    expect(wrong.verify()?.code).toBe('XAmzContentSHA256Mismatch');
    const right = requestChecksums({
      'x-amz-content-sha256': crypto.createHash('sha256').update(body).digest('hex'),
    });
    right.update(body);
    expect(right.verify()).toBeUndefined();
  });
});
