import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountEndpoints } from './account-endpoints';
import { contentEndpoints } from './content-endpoints';
import type { IncomingPlatformRequest, PlatformServices } from './endpoint';
import { healthEndpoints } from './health-endpoints';
import {
  IdentityServer,
  type IdentityServerState,
  type StandInUser,
  type StandInUserInput,
} from './identity-server';
import { readPlatformData, writePlatformData } from './platform-data-file';
import { DatabaseError, PlatformDatabase } from './platform-database';
import { detail, internalServerError, toWire, type PlatformResponse } from './platform-response';
import { decodeRequestPath, PlatformRouter } from './platform-router';
import { PlatformStore } from './platform-store';
import { videoAssetEndpoints } from './video-asset-endpoints';

export interface PlatformStandInOptions {
  /** The `X-Internal-Token` the internal endpoints accept; random when not given. */
  internalToken?: string;
  /** Accounts that can sign in; more with `addUser`. Never written to `dataFile`. */
  users?: StandInUserInput[];
  /** The platform's clock (timestamps, token expiry). */
  now?: () => Date;
  /** `expires_in` of issued tokens, in seconds. Keycloak's default is 300. */
  tokenLifetimeSeconds?: number;
  identityServer?: IdentityServerState;
  /** See PlatformDatabaseOptions.enforceAgeRatingColumn. */
  enforceAgeRatingColumn?: boolean;
  /**
   * Where the platform keeps its database between runs (a demo): contents, video assets and
   * id counters are loaded from this JSON file at start when it exists, and the file is
   * replaced atomically (temporary file and rename) after every change. Credentials are never
   * written to it. Without it everything stays in memory.
   */
  dataFile?: string;
  /** The loopback port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

/** One request as the stand-in received it, with the status it answered. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/api/v1/contents?limit=1`. */
  url: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: string;
  status: number;
}

export interface PlatformStandIn {
  /** The profile's "API base URL": `http://127.0.0.1:<port>/api`, everything before `/v1`. */
  baseUrl: string;
  /** What the platform holds: read it to check a sync, seed it to stage a remote state. */
  store: PlatformStore;
  readonly internalToken: string;
  setInternalToken(token: string): void;
  addUser(user: StandInUserInput): StandInUser;
  /** A valid bearer token for an added user, without a login request. */
  issueToken(email: string, lifetimeSeconds?: number): string;
  /** Database outage: data endpoints answer 500, login 503, readiness 503. */
  setDatabaseDown(down: boolean): void;
  setIdentityServer(state: IdentityServerState): void;
  /** Every request received, in order (a live view). */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Exceptions that were not the platform's own failures: bugs of the stand-in itself. */
  readonly unexpectedErrors: readonly unknown[];
  close(): Promise<void>;
}

/** Where the platform mounts its API; a profile's base URL ends with it. */
const API_PREFIX = '/api';

/**
 * The platform stand-in (docs/PLATFORM_API.md), on 127.0.0.1 and a free port (or `port`), in
 * memory or kept in `dataFile`.
 */
export async function startPlatformStandIn(
  options: PlatformStandInOptions = {},
): Promise<PlatformStandIn> {
  const now = options.now ?? (() => new Date());
  const { dataFile } = options;
  const saved = dataFile === undefined ? undefined : readPlatformData(dataFile);
  let internalToken = options.internalToken ?? crypto.randomBytes(24).toString('hex');
  // Nothing is written while the saved state is loaded; the first save follows at once.
  let loading = true;
  const save = () => {
    if (dataFile === undefined || loading) return;
    writePlatformData(dataFile, { version: 1, ...store.snapshot() });
  };
  const store = new PlatformStore(now, save);
  if (saved) store.restore(saved);
  const database = new PlatformDatabase(store, {
    now,
    enforceAgeRatingColumn: options.enforceAgeRatingColumn ?? false,
  });
  const requests: RecordedRequest[] = [];
  const unexpectedErrors: unknown[] = [];
  const router = new PlatformRouter(API_PREFIX, [
    ...healthEndpoints,
    ...accountEndpoints,
    ...contentEndpoints,
    ...videoAssetEndpoints,
  ]);

  // The issuer names the port, which is known once listening; no token is issued before.
  let origin = '';
  const identity = new IdentityServer({
    now,
    issuer: () => `${origin}/realms/platform`,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 300,
  });
  identity.setState(options.identityServer ?? 'up');
  for (const user of options.users ?? []) identity.addUser(user);
  loading = false;
  const services: PlatformServices = { database, identity, internalToken: () => internalToken };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rawUrl = req.url ?? '/';
      const queryAt = rawUrl.indexOf('?');
      const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
      const rawQuery = queryAt < 0 ? '' : rawUrl.slice(queryAt + 1);
      const request: IncomingPlatformRequest = {
        method: req.method ?? 'GET',
        path: decodeRequestPath(rawPath),
        query: new URLSearchParams(rawQuery),
        header: (name) => req.headersDistinct[name.toLowerCase()]?.[0],
        body,
      };

      let response: PlatformResponse;
      try {
        response = dispatch(request, rawQuery, req.headers.host ?? '');
      } catch (error) {
        if (!(error instanceof DatabaseError)) unexpectedErrors.push(error);
        response = internalServerError();
      }
      const wire = toWire(response);
      requests.push({
        method: request.method,
        url: rawUrl,
        headers: Object.fromEntries(
          Object.entries(req.headersDistinct).map(([name, values]) => [
            name,
            (values ?? []).join(', '),
          ]),
        ),
        body: body.toString('utf8'),
        status: wire.status,
      });
      res.writeHead(wire.status, { ...wire.headers, 'content-length': String(wire.body.length) });
      res.end(wire.body);
    });
  });

  function dispatch(
    request: IncomingPlatformRequest,
    rawQuery: string,
    host: string,
  ): PlatformResponse {
    const route = router.route(request.method, request.path);
    switch (route.kind) {
      case 'endpoint':
        return route.endpoint.run(request, route.params, services);
      case 'method-not-allowed':
        return detail(405, 'Method Not Allowed', { allow: route.allow });
      case 'redirect': {
        const query = rawQuery ? `?${rawQuery}` : '';
        return {
          kind: 'empty',
          status: 307,
          headers: { location: `http://${host}${route.path}${query}` },
        };
      }
      case 'not-found':
        return detail(404, 'Not Found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  save();

  return {
    baseUrl: `${origin}${API_PREFIX}`,
    store,
    get internalToken() {
      return internalToken;
    },
    setInternalToken: (token) => {
      internalToken = token;
      save();
    },
    addUser: (user) => identity.addUser(user),
    issueToken: (email, lifetimeSeconds) => identity.issueToken(email, lifetimeSeconds),
    setDatabaseDown: (down) => database.setDown(down),
    setIdentityServer: (state) => identity.setState(state),
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    unexpectedErrors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
