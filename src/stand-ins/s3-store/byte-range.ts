import { S3Error } from './s3-error';

export interface ByteRange {
  start: number;
  /** Inclusive, as in HTTP. */
  end: number;
}

/**
 * A GetObject `Range` header against an object of `size` bytes. S3 serves one range only: a
 * header it cannot parse (or a multi-range list) is ignored and the whole object sent; a
 * range that starts past the end is 416 InvalidRange.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) throw invalidRange(header, size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return undefined;
  }
  if (start >= size || size === 0) throw invalidRange(header, size);
  return { start, end };
}

function invalidRange(header: string, size: number): S3Error {
  return new S3Error(
    416,
    'InvalidRange',
    'The requested range is not satisfiable',
    { RangeRequested: header, ActualObjectSize: String(size) },
    { 'content-range': `bytes */${size}` },
  );
}

/** UploadPartCopy's `x-amz-copy-source-range`: must be `bytes=first-last` inside the source. */
export function parseCopyRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (!match) {
    throw new S3Error(
      400,
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header },
    );
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (end < start || end >= size) {
    throw new S3Error(
      400,
      'InvalidArgument',
      `Range specified is not valid for source object of size: ${size}`,
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header },
    );
  }
  return { start, end };
}
