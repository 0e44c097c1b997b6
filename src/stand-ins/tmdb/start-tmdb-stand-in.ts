import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { routeTmdb, tmdbError, type TmdbAnswer } from './tmdb-routes';
import { standInTitles } from './tmdb-dataset';

export interface TmdbStandInOptions {
  /** The v4 read access token accepted as `Authorization: Bearer ...`; random when not given. */
  readToken?: string;
  /** The v3 API key accepted as `?api_key=...`; random when not given. */
  apiKey?: string;
  port?: number;
}

/** A trouble the next answers show, for tests and for showing error messages in the demo. */
export type TmdbFault =
  | { kind: 'status'; status: 401 | 404 | 500 | 503 }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'malformed' }
  | { kind: 'slow'; delayMs: number };

export interface TmdbRecordedRequest {
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  status: number;
}

export interface TmdbStandIn {
  /** Base of the API, e.g. `http://127.0.0.1:4000` (requests go to `/3/...`). */
  baseUrl: string;
  /** Base of poster images, e.g. `http://127.0.0.1:4000/t/p` (then `/w92/<path>`). */
  imageBaseUrl: string;
  readonly readToken: string;
  readonly apiKey: string;
  /** The next `times` answers (all, when left out) show the fault; null clears it. */
  setFault(fault: TmdbFault | null, times?: number): void;
  readonly requests: readonly TmdbRecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for TMDB's API v3 (api.themoviedb.org/3) on 127.0.0.1: search (movie, tv),
 * details, release dates and content ratings, in TMDB's documented shapes, over a small fixed
 * library (tmdb-dataset.ts), with both ways to authenticate and switchable faults.
 */
export async function startTmdbStandIn(options: TmdbStandInOptions = {}): Promise<TmdbStandIn> {
  const readToken = options.readToken ?? crypto.randomBytes(24).toString('hex');
  const apiKey = options.apiKey ?? crypto.randomBytes(16).toString('hex');
  let fault: TmdbFault | null = null;
  let faultsLeft = Infinity;
  const requests: TmdbRecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (): TmdbFault | null => {
    if (fault === null) return null;
    const current = fault;
    faultsLeft -= 1;
    if (faultsLeft <= 0) fault = null;
    return current;
  };

  const authorised = (req: http.IncomingMessage, query: URLSearchParams): boolean => {
    const header = req.headers.authorization;
    if (header !== undefined) return header === `Bearer ${readToken}`;
    return query.get('api_key') === apiKey;
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const record = (status: number) =>
      requests.push({
        url: req.url ?? '/',
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
        ),
        status,
      });
    if (url.pathname.startsWith('/t/p/')) {
      record(200);
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
      res.end(posterSvg(url.pathname));
      return;
    }
    const current = takeFault();
    const send = (reply: TmdbAnswer) => {
      record(reply.status);
      const body = Buffer.from(JSON.stringify(reply.body));
      res.writeHead(reply.status, {
        'content-type': 'application/json;charset=utf-8',
        'content-length': String(body.length),
        ...reply.headers,
      });
      res.end(body);
    };
    if (req.method !== 'GET') return send(tmdbError(405, 3, 'Method not allowed.'));
    if (!authorised(req, url.searchParams)) {
      return send(tmdbError(401, 7, 'Invalid API key: You must be granted a valid key.'));
    }
    if (current?.kind === 'status') {
      const messages = {
        401: 'Authentication failed.',
        404: 'The resource you requested could not be found.',
        500: 'Internal error.',
        503: 'Service offline.',
      };
      return send(
        tmdbError(current.status, current.status === 401 ? 7 : 34, messages[current.status]),
      );
    }
    if (current?.kind === 'rate-limit') {
      return send({
        ...tmdbError(429, 25, 'Your request count is over the allowed limit of (40).'),
        headers: { 'retry-after': String(current.retryAfterSeconds) },
      });
    }
    if (current?.kind === 'malformed') {
      record(200);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"page":1,"results":[{"id":');
      return;
    }
    const reply = routeTmdb(url.pathname, url.searchParams);
    if (current?.kind === 'slow') {
      setTimeout(() => send(reply), current.delayMs).unref();
      return;
    }
    send(reply);
  };

  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: origin,
    imageBaseUrl: `${origin}/t/p`,
    readToken,
    apiKey,
    setFault(next, times) {
      fault = next;
      faultsLeft = times ?? Infinity;
    },
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A plain poster with the title on it, so views have an image without the internet. */
function posterSvg(pathname: string): string {
  const file = pathname.split('/').pop() ?? '';
  const title = standInTitles.find((t) => t.posterPath === `/${file}`);
  const label = (title?.texts.en?.title ?? title?.originalTitle ?? 'Poster').replace(/[<>&"]/g, '');
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="92" height="138" viewBox="0 0 92 138">' +
    '<rect width="92" height="138" fill="#2d3a4a"/>' +
    `<text x="46" y="72" font-size="9" fill="#fff" text-anchor="middle">${label}</text></svg>`
  );
}
