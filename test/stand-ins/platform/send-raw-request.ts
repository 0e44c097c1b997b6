import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Path and query relative to the server's origin, e.g. `/api/v1/health`. */
  path: string;
  headers?: Record<string, string>;
  /** Sent byte for byte; no content type is added for it. */
  body?: string | Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/**
 * An HTTP request with exactly the given headers and bytes (fetch would add a content type
 * to a string body), for replaying recorded requests and probing edge cases.
 */
export function sendRawRequest(origin: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(request.path, origin);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = { ...request.headers };
  if (body !== undefined) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
