import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine/create-engine';
import { unexpectedFailure } from '../engine/rpc/to-error-value';
import { limitConnections } from './connection-limit';
import { createEventStream } from './event-stream';
import { mediaRoute } from './media-route';
import { checkHostAndOrigin, checkToken, newToken } from './request-guard';
import { rpcRoute } from './rpc-route';
import { applySecurityHeaders, sendJson, sendText } from './security-headers';
import { staticRoute } from './static-route';
import { supportRoute } from './support-route';
import type { WebRoute } from './web-route';

export interface WebHostOptions {
  /**
   * What the host exposes; only `dispatch`, `subscribe`, `logger`, `redactor` and `dataDir`
   * (whose stills folder it serves) are used.
   */
  engine: Pick<Engine, 'dispatch' | 'subscribe' | 'logger' | 'redactor' | 'dataDir'>;
  /** The built renderer (vite.web.config.ts writes it to out/renderer-web). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A fixed token for tests; a random one per run otherwise. */
  token?: string;
  /** Largest accepted request body; contract inputs are small. */
  maxBodyBytes?: number;
  /** Open connections beyond this get a 503; default 64. */
  maxConnections?: number;
  /** Event-stream clients beyond this get a 503; default 16 (one per open tab). */
  maxEventClients?: number;
}

export interface WebHost {
  /** The address to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/**
 * The loopback HTTP host of the contract: the built renderer, POST /api/rpc/<method>, and
 * engine events over SSE at /api/events. It listens on 127.0.0.1 only. Every request must
 * name the loopback host and, when it carries an Origin, our own (403 otherwise); the API
 * needs the per-run token (401 otherwise). See web-route.ts for why the page shell does not.
 * Asset stills are served under /media/assets/ (media-route.ts), support bundles under
 * /api/support/ (support-route.ts).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine } = options;
  const token = options.token ?? newToken();
  engine.redactor.register(token);
  const log = engine.logger.child('web');
  const events = createEventStream(options.maxEventClients ?? 16);
  const routes: WebRoute[] = [
    rpcRoute(engine.dispatch, options.maxBodyBytes ?? 1024 * 1024),
    events.route,
    // Thumbnails and filmstrips from the data dir, before the static fallback.
    mediaRoute(engine.dataDir),
    // Support bundles the engine wrote, for the browser to download.
    supportRoute(engine.dataDir),
    staticRoute(options.rendererDir),
  ];

  let port = 0;
  const server = http.createServer((req, res) => {
    applySecurityHeaders(res);
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    if (overLimit(req.socket)) {
      log.warn('refused a connection over the limit', { path: url.pathname });
      res.setHeader('Connection', 'close');
      res.setHeader('Retry-After', '2');
      return sendText(res, 503, 'Dailies has too many open connections. Try again shortly.');
    }
    const hostRefusal = checkHostAndOrigin(req, port);
    if (hostRefusal) {
      log.warn('refused a request', { path: url.pathname, status: hostRefusal.status });
      return sendText(res, hostRefusal.status, hostRefusal.message);
    }
    const route = routes.find((r) => r.matches(req.method ?? 'GET', url.pathname));
    if (!route) return sendText(res, 404, 'Not found.');
    if (route.access !== 'public') {
      const refusal = checkToken(req, url, token, route.access === 'token-or-query');
      if (refusal) {
        log.warn('refused a request', { path: url.pathname, status: refusal.status });
        return sendText(res, refusal.status, refusal.message);
      }
    }
    Promise.resolve(route.handle(req, res, url)).catch((error: unknown) => {
      // Logged with its cause; the browser reads only the plain E_INTERNAL, never the raw text.
      const failure = unexpectedFailure(error, log, `web ${route.name}`);
      if (res.headersSent) return void res.destroy();
      // A contract call is answered as one, so the client shows E_INTERNAL, not a network error.
      if (route.name === 'rpc') return sendJson(res, 200, { ok: false, error: failure.toValue() });
      sendText(res, 500, failure.message);
    });
  });
  const overLimit = limitConnections(server, options.maxConnections ?? 64);
  // A slow or stuck client must not hold a socket forever; SSE streams are exempt because
  // Node's request timeout only covers receiving the request, not the response.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const stopEvents = engine.subscribe((event) =>
    events.broadcast({ kind: 'event', name: event.name, payload: event.payload }),
  );

  const origin = `http://${LOOPBACK}:${port}`;
  const url = `${origin}/?token=${encodeURIComponent(token)}`;
  log.info('web host listening', { origin });

  let closing: Promise<void> | null = null;
  return {
    url,
    origin,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve) => {
        stopEvents();
        events.close();
        server.close(() => resolve());
        server.closeAllConnections();
        log.info('web host stopped', { origin });
      });
      return closing;
    },
  };
}
