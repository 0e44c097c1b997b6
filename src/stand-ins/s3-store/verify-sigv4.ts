import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './s3-error';

/** S3 refuses a signed request whose date is further than this from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_EXPIRES_S = 7 * 24 * 3600;

export interface SigV4Request {
  method: string;
  /** The request target as received: raw path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

interface Signed {
  accessKeyId: string;
  date: string;
  scope: string[];
  signedHeaders: string[];
  signature: string;
  payloadHash: string;
  /** Query pairs to sign (the presigned form leaves out X-Amz-Signature). */
  query: [string, string][];
}

/** RFC 3986 encoding as SigV4 wants it: only unreserved characters stay literal. */
function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function rawQueryPairs(rawQuery: string): [string, string][] {
  if (rawQuery === '') return [];
  return rawQuery.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    return [safeDecode(name), safeDecode(value)];
  });
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(text: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

function malformed(message: string): S3Error {
  return new S3Error(400, 'AuthorizationHeaderMalformed', message);
}

function fromHeader(authorization: string, req: SigV4Request, pairs: [string, string][]): Signed {
  const match =
    /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]+)\s*$/.exec(
      authorization,
    );
  if (!match) throw malformed('The authorization header is malformed.');
  const [accessKeyId = '', ...scope] = match[1]!.split('/');
  const payloadHash = header(req.headers, 'x-amz-content-sha256');
  if (payloadHash === undefined)
    throw new S3Error(
      400,
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256',
    );
  return {
    accessKeyId,
    date: header(req.headers, 'x-amz-date') ?? '',
    scope,
    signedHeaders: match[2]!.split(';'),
    signature: match[3]!,
    payloadHash,
    query: pairs,
  };
}

function fromQuery(pairs: [string, string][], now: Date): Signed {
  const get = (name: string): string => pairs.find(([n]) => n === name)?.[1] ?? '';
  if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    throw new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"',
    );
  }
  const expires = Number(get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_EXPIRES_S) {
    throw new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be between 1 and 604800 seconds',
    );
  }
  const date = parseAmzDate(get('X-Amz-Date'));
  if (date && now.getTime() > date.getTime() + expires * 1000) {
    throw new S3Error(403, 'AccessDenied', 'Request has expired', {
      'X-Amz-Expires': String(expires),
      Expires: new Date(date.getTime() + expires * 1000).toISOString(),
      ServerTime: now.toISOString(),
    });
  }
  const [accessKeyId = '', ...scope] = get('X-Amz-Credential').split('/');
  return {
    accessKeyId,
    date: get('X-Amz-Date'),
    scope,
    signedHeaders: get('X-Amz-SignedHeaders').split(';'),
    signature: get('X-Amz-Signature'),
    payloadHash: get('X-Amz-Content-Sha256') || get('x-amz-content-sha256') || 'UNSIGNED-PAYLOAD',
    query: pairs.filter(([name]) => name !== 'X-Amz-Signature'),
  };
}

function hmac(key: crypto.BinaryLike, text: string): Buffer {
  return crypto.createHmac('sha256', key).update(text, 'utf8').digest();
}

function canonicalRequest(req: SigV4Request, signed: Signed, path: string): string {
  const query = signed.query
    .map(([name, value]) => [strictEncode(name), strictEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const headers = signed.signedHeaders
    .map((name) => `${name}:${(header(req.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  return [
    req.method,
    path,
    query,
    headers,
    signed.signedHeaders.join(';'),
    signed.payloadHash,
  ].join('\n');
}

/** True when a request carries no signature at all (neither header nor presigned query). */
export function isAnonymous(req: SigV4Request): boolean {
  return req.headers.authorization === undefined && !/[?&]X-Amz-Signature=/.test(req.url);
}

/**
 * Checks a request's AWS Signature Version 4, in the Authorization header or presigned in
 * the query, against the configured keys, with S3's error codes. The canonical path is the
 * path re-encoded the RFC 3986 way (what the SDK signs); the path exactly as sent is tried
 * too, for clients that sign what they send without normalising it. Unsigned requests are
 * refused: the store is never anonymous.
 */
export function verifySigV4(
  req: SigV4Request,
  keys: ReadonlyMap<string, string>,
  region: string,
  now: Date,
): void {
  const at = req.url.indexOf('?');
  const rawPath = at === -1 ? req.url : req.url.slice(0, at);
  const pairs = rawQueryPairs(at === -1 ? '' : req.url.slice(at + 1));
  const authorization = header(req.headers, 'authorization');
  const presigned = pairs.some(([name]) => name === 'X-Amz-Signature');
  if (authorization === undefined && !presigned)
    throw new S3Error(403, 'AccessDenied', 'Access Denied');
  const signed =
    authorization !== undefined ? fromHeader(authorization, req, pairs) : fromQuery(pairs, now);

  const secret = keys.get(signed.accessKeyId);
  if (secret === undefined) {
    throw new S3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      {
        AWSAccessKeyId: signed.accessKeyId,
      },
    );
  }
  const [day = '', scopeRegion = '', service = '', terminator = ''] = signed.scope;
  if (service !== 's3' || terminator !== 'aws4_request' || signed.scope.length !== 4)
    throw malformed('The authorization header is malformed; the credential is mis-scoped.');
  if (scopeRegion !== region) {
    throw new S3Error(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${region}'`,
      { Region: region },
    );
  }
  const date = parseAmzDate(signed.date);
  if (!date)
    throw new S3Error(
      403,
      'AccessDenied',
      'AWS authentication requires a valid Date or x-amz-date header',
    );
  if (!presigned && Math.abs(now.getTime() - date.getTime()) > MAX_SKEW_MS) {
    throw new S3Error(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      {
        RequestTime: date.toISOString(),
        ServerTime: now.toISOString(),
        MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
      },
    );
  }

  let key = hmac(`AWS4${secret}`, day);
  for (const part of [scopeRegion, service, terminator]) key = hmac(key, part);
  const scope = signed.scope.join('/');
  const paths = [
    rawPath
      .split('/')
      .map((segment) => strictEncode(safeDecode(segment)))
      .join('/'),
    rawPath,
  ];
  let stringToSign = '';
  for (const path of new Set(paths)) {
    const canonical = canonicalRequest(req, signed, path);
    const hashed = crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
    stringToSign = ['AWS4-HMAC-SHA256', signed.date, scope, hashed].join('\n');
    const expected = hmac(key, stringToSign);
    const provided = Buffer.from(signed.signature, 'hex');
    if (provided.length === expected.length && crypto.timingSafeEqual(provided, expected)) return;
  }
  throw new S3Error(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      AWSAccessKeyId: signed.accessKeyId,
      StringToSign: stringToSign,
      SignatureProvided: signed.signature,
    },
  );
}
