import crypto from 'node:crypto';
import http from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Node's crypto behind the interface @smithy/signature-v4 wants (its own is not a dependency). */
class Sha256 {
  private readonly hash: crypto.Hash | crypto.Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? crypto.createHmac('sha256', bytes(secret)) : crypto.createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface Signer {
  /** Signs with the Authorization header. */
  sign(endpoint: string, request: RawRequest): Promise<RawRequest>;
  /** A presigned URL (X-Amz-Signature in the query). */
  presign(
    endpoint: string,
    request: RawRequest,
    expiresIn: number,
    signingDate?: Date,
  ): Promise<string>;
}

function query(params: Record<string, string | string[] | null> | undefined): string {
  const pairs = Object.entries(params ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value ?? '']).map(
      (v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`,
    ),
  );
  return pairs.length ? `?${pairs.join('&')}` : '';
}

export function signer(
  credentials: { accessKeyId: string; secretAccessKey: string },
  region = 'us-east-1',
): Signer {
  const v4 = new SignatureV4({
    credentials,
    region,
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const toSmithy = (endpoint: string, request: RawRequest) => {
    const url = new URL(endpoint);
    return {
      method: request.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: request.path,
      query: request.query ?? {},
      headers: { host: url.host, ...request.headers },
    };
  };
  return {
    async sign(endpoint, request) {
      const signed = await v4.sign(toSmithy(endpoint, request));
      return {
        method: signed.method,
        path: signed.path,
        query: request.query,
        headers: signed.headers as Record<string, string>,
      };
    },
    async presign(endpoint, request, expiresIn, signingDate) {
      // As @aws-sdk/s3-request-presigner does: S3 presigned URLs sign UNSIGNED-PAYLOAD.
      const unsigned = {
        ...request,
        headers: { ...request.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      };
      const signed = await v4.presign(toSmithy(endpoint, unsigned), {
        expiresIn,
        ...(signingDate ? { signingDate } : {}),
      });
      return `${endpoint}${signed.path}${query(signed.query as Record<string, string>)}`;
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends one request as given (no SDK), on a fresh connection. */
export function send(
  endpoint: string,
  request: RawRequest,
  body?: Buffer | string,
): Promise<RawAnswer> {
  // A keep-alive agent, as the SDK's: the server must not answer `Connection: close`.
  const agent = new http.Agent({ keepAlive: true });
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = http.request(
      `${endpoint}${request.path}${query(request.query)}`,
      { method: request.method, headers: request.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  }).finally(() => agent.destroy());
}
