import http from 'node:http';
import { afterEach } from 'vitest';
import { startWebHost, type WebHost, type WebHostOptions } from '../../src/web/web-host';

const live: WebHost[] = [];

/** A real web host on a free loopback port, closed after the test (before its engine). */
export async function testWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = await startWebHost(options);
  live.push(host);
  return host;
}

afterEach(async () => {
  for (const host of live.splice(0)) await host.close();
});

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request with full control of Host and Origin, which fetch() does not allow: the
 * refusal tests need to send exactly what a rebinding page or a foreign site would.
 */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
