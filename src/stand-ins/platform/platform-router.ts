import type { Endpoint } from './endpoint';

/**
 * Starlette's routing as the platform's app uses it: routes are tried in registration order
 * against the percent-decoded path; a path that matches with another method is a 405 naming
 * that route's method; an unknown path that would match with or without a trailing slash is
 * a 307 redirect; anything else is a 404.
 */
export type RouteResult =
  | { kind: 'endpoint'; endpoint: Endpoint; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string }
  | { kind: 'redirect'; path: string }
  | { kind: 'not-found' };

interface CompiledRoute {
  endpoint: Endpoint;
  pattern: RegExp;
  names: string[];
}

export class PlatformRouter {
  private readonly routes: CompiledRoute[];

  constructor(prefix: string, endpoints: Endpoint[]) {
    this.routes = endpoints.map((endpoint) => {
      const names: string[] = [];
      const source = `${prefix}${endpoint.path}`
        .split(/(\{[a-z_]+\})/)
        .map((part) => {
          const name = /^\{([a-z_]+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(name);
          return '([^/]+)';
        })
        .join('');
      return { endpoint, pattern: new RegExp(`^${source}$`), names };
    });
  }

  route(method: string, path: string): RouteResult {
    let partial: CompiledRoute | undefined;
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.endpoint.method === method) {
        const params: Record<string, string> = {};
        route.names.forEach((name, i) => (params[name] = match[i + 1] ?? ''));
        return { kind: 'endpoint', endpoint: route.endpoint, params };
      }
      partial ??= route;
    }
    if (partial) return { kind: 'method-not-allowed', allow: partial.endpoint.method };
    if (path !== '/') {
      const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      if (this.routes.some((route) => route.pattern.test(other)))
        return { kind: 'redirect', path: other };
    }
    return { kind: 'not-found' };
  }
}

/** Python's `urllib.parse.unquote`, which the platform's server applies to the path. */
export function decodeRequestPath(raw: string): string {
  return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
    Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8'),
  );
}
