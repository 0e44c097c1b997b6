import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How a route is guarded, beyond the Host/Origin check every request gets.
 * - `public`: the page shell (built HTML/JS/CSS). It holds no data, so it loads without a
 *   token; everything it shows comes through the token-guarded API.
 * - `token`: `Authorization: Bearer <token>` only (fetch can set headers).
 * - `token-or-query`: also `?token=`, for what the browser fetches by URL alone
 *   (EventSource, thumbnail <img> tags).
 */
export type RouteAccess = 'public' | 'token' | 'token-or-query';

/** One thing the web host serves. The host tries routes in order; the first whose `matches` is true answers. */
export interface WebRoute {
  readonly name: string;
  readonly access: RouteAccess;
  matches(method: string, pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}
