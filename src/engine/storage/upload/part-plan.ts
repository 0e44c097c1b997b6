const MiB = 1024 * 1024;

/** S3's limits for multipart uploads. */
export const S3_MIN_PART_BYTES = 5 * MiB;
export const S3_MAX_PART_BYTES = 5 * 1024 * MiB;
export const S3_MAX_PARTS = 10_000;

export interface PartSizeOptions {
  /** Smallest part we choose; default 8 MiB (never below S3's 5 MiB). */
  minPartBytes?: number;
  /** Largest part we prefer; default 64 MiB. Only files beyond 640 GiB need more. */
  maxPartBytes?: number;
}

/**
 * The part size for a file: the smallest whole number of MiB (at least `minPartBytes`) that
 * keeps it within 10,000 parts. Small parts keep memory low and a lost part cheap to redo;
 * beyond 64 MiB parts grow only as S3's part-count limit forces them to.
 */
export function choosePartSize(fileSize: number, options: PartSizeOptions = {}): number {
  const min = Math.max(options.minPartBytes ?? 8 * MiB, S3_MIN_PART_BYTES);
  const max = Math.max(options.maxPartBytes ?? 64 * MiB, min);
  const needed = Math.ceil(Math.ceil(fileSize / S3_MAX_PARTS) / MiB) * MiB;
  const size = Math.max(min, needed);
  if (size > S3_MAX_PART_BYTES) {
    throw new RangeError(`A file of ${fileSize} bytes is beyond S3's 5 TiB object limit.`);
  }
  // `max` is a preference, not a limit: S3's 10,000 parts win over it for huge files.
  return size <= max ? size : needed;
}

/**
 * Under a bandwidth limit a file of a few MiB takes long to send, and one PutObject restarts
 * from byte 0 after every engine restart: with several files sharing the limit, a batch could
 * make no net progress across restarts. There, anything from S3's smallest part up goes in a
 * resumable multipart upload of smallest parts, so a restart re-sends at most the parts in
 * flight. Without a limit nothing changes.
 */
export function resumableUnderLimit(
  bytesPerSecond: number | null | undefined,
  partBytes: number,
): { multipartThresholdBytes?: number; minPartBytes: number } {
  if (!bytesPerSecond || bytesPerSecond <= 0) return { minPartBytes: partBytes };
  return { multipartThresholdBytes: S3_MIN_PART_BYTES + 1, minPartBytes: S3_MIN_PART_BYTES };
}

export interface PartRange {
  partNumber: number;
  start: number;
  length: number;
}

/** Every part of a file, numbered from 1 as S3 numbers them. */
export function planParts(fileSize: number, partSize: number): PartRange[] {
  const count = Math.max(1, Math.ceil(fileSize / partSize));
  return Array.from({ length: count }, (_, index) => {
    const start = index * partSize;
    return { partNumber: index + 1, start, length: Math.min(partSize, fileSize - start) };
  });
}
