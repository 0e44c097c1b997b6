import type { IncomingHttpHeaders } from 'node:http';

/** A request as the fault proxy sees it: what rules match on and what gets counted. */
export interface ProxiedRequest {
  /** 1-based arrival order at this proxy. */
  seq: number;
  method: string;
  /** The path as sent, undecoded (`/bucket/key%20name`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The S3 operation in 's3' mode (e.g. 'UploadPart'), `${METHOD}` in 'http' mode. */
  operation: string;
  /** The `partNumber` query value for UploadPart and UploadPartCopy. */
  partNumber: number | undefined;
}

function bucketOperation(method: string, query: URLSearchParams): string {
  switch (method) {
    case 'GET':
      if (query.has('uploads')) return 'ListMultipartUploads';
      if (query.has('versions')) return 'ListObjectVersions';
      if (query.has('location')) return 'GetBucketLocation';
      return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    case 'PUT':
      return query.size === 0 ? 'CreateBucket' : 'PutBucketConfiguration';
    case 'HEAD':
      return 'HeadBucket';
    case 'DELETE':
      return 'DeleteBucket';
    case 'POST':
      return query.has('delete') ? 'DeleteObjects' : 'Unknown';
    default:
      return 'Unknown';
  }
}

function objectOperation(
  method: string,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): string {
  const copy = headers['x-amz-copy-source'] !== undefined;
  switch (method) {
    case 'PUT':
      if (query.has('partNumber') && query.has('uploadId'))
        return copy ? 'UploadPartCopy' : 'UploadPart';
      if (query.has('tagging')) return 'PutObjectTagging';
      return copy ? 'CopyObject' : 'PutObject';
    case 'GET':
      if (query.has('uploadId')) return 'ListParts';
      if (query.has('tagging')) return 'GetObjectTagging';
      if (query.has('attributes')) return 'GetObjectAttributes';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'POST':
      if (query.has('uploads')) return 'CreateMultipartUpload';
      if (query.has('uploadId')) return 'CompleteMultipartUpload';
      return 'Unknown';
    case 'DELETE':
      return query.has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
    default:
      return 'Unknown';
  }
}

/**
 * Names the S3 operation of a path-style request (`/bucket/key`). Virtual-hosted requests
 * (bucket in the Host) are not recognised: the rig's clients always use path style.
 */
export function s3Operation(
  method: string,
  pathname: string,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): string {
  const [bucket = '', ...key] = pathname.replace(/^\/+/, '').split('/');
  if (bucket === '') return method === 'GET' ? 'ListBuckets' : 'Unknown';
  if (key.length === 0 || key.join('/') === '') return bucketOperation(method, query);
  return objectOperation(method, query, headers);
}

/** Classifies an incoming request for rule matching and counting. */
export function describeRequest(
  seq: number,
  mode: 's3' | 'http',
  method: string,
  rawUrl: string,
  headers: IncomingHttpHeaders,
): ProxiedRequest {
  const url = new URL(rawUrl, 'http://proxy.invalid');
  const operation =
    mode === 's3' ? s3Operation(method, url.pathname, url.searchParams, headers) : method;
  const part = url.searchParams.get('partNumber');
  return {
    seq,
    method,
    path: url.pathname,
    query: url.searchParams,
    headers,
    operation,
    partNumber: part !== null && /^\d+$/.test(part) ? Number(part) : undefined,
  };
}
