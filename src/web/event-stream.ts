import type { ServerResponse } from 'node:http';
import type { WireEvent } from '../shared/contract';
import type { WebRoute } from './web-route';

export const EVENTS_PATH = '/api/events';
const KEEPALIVE_MS = 15_000;

export interface EventStream {
  readonly route: WebRoute;
  /** Sends one engine event to every connected client. */
  broadcast(event: WireEvent): void;
  readonly clientCount: number;
  /** Ends every stream; part of the host's clean close. */
  close(): void;
}

/**
 * GET /api/events: engine events as Server-Sent Events, one `data:` line of a WireEvent
 * each. EventSource cannot set headers, so this route takes the token from the query too.
 * A comment line opens the stream (so a client knows it is subscribed) and keeps idle
 * connections from being closed by anything in between. Each stream holds a connection for
 * as long as it is open, so more than `maxClients` at once get a 503 saying so.
 */
export function createEventStream(maxClients = 16): EventStream {
  const clients = new Set<ServerResponse>();
  let keepalive: NodeJS.Timeout | null = null;

  const ensureKeepalive = () => {
    if (keepalive || clients.size === 0) return;
    keepalive = setInterval(() => {
      for (const res of clients) res.write(': keepalive\n\n');
    }, KEEPALIVE_MS);
    keepalive.unref();
  };
  const drop = (res: ServerResponse) => {
    clients.delete(res);
    if (clients.size === 0 && keepalive) {
      clearInterval(keepalive);
      keepalive = null;
    }
  };

  return {
    route: {
      name: 'events',
      access: 'token-or-query',
      matches: (_method, pathname) => pathname === EVENTS_PATH,
      handle(req, res) {
        if (req.method !== 'GET') {
          res.statusCode = 405;
          res.setHeader('Allow', 'GET');
          res.end();
          return;
        }
        if (clients.size >= maxClients) {
          res.writeHead(503, {
            'Content-Type': 'text/plain; charset=utf-8',
            'Retry-After': '5',
            Connection: 'close',
          });
          res.end(
            `Dailies already sends its events to ${maxClients} windows; close one and reload.`,
          );
          return;
        }
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write('retry: 2000\n: connected\n\n');
        clients.add(res);
        ensureKeepalive();
        req.on('close', () => drop(res));
      },
    },
    broadcast(event) {
      const frame = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    get clientCount() {
      return clients.size;
    },
    close() {
      for (const res of [...clients]) {
        res.end();
        drop(res);
      }
    },
  };
}
