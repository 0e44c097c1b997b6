import { parseIntString, validateInt } from './field-validators';
import type { IdentityServer, TokenClaims, StandInUser } from './identity-server';
import type { PlatformDatabase } from './platform-database';
import { detail, validationFailed, type PlatformResponse } from './platform-response';
import { validateModel, type ModelOf } from './request-models';
import { readBody } from './request-body';
import { at, issues, type ValidationIssue } from './validation-issue';

/** What every endpoint may use; one instance per stand-in. */
export interface PlatformServices {
  database: PlatformDatabase;
  identity: IdentityServer;
  internalToken(): string;
}

/** A request as the router hands it on: path already percent-decoded, headers lower case. */
export interface IncomingPlatformRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** First value of each header, as Starlette's `headers.get` returns it. */
  header(name: string): string | undefined;
  body: Buffer;
}

export interface SignedIn {
  claims: TokenClaims;
  user: StandInUser | undefined;
}

export interface EndpointContext<Body> {
  path: Record<string, bigint>;
  query: Record<string, bigint>;
  body: Body;
  signedIn: SignedIn | undefined;
  services: PlatformServices;
}

interface QueryParam {
  name: string;
  default: bigint;
  ge?: number;
  le?: number;
}

/**
 * `internal-token`: the `X-Internal-Token` header dependency of the internal endpoints.
 * `bearer`: FastAPI's HTTPBearer followed by the platform's token check.
 */
export type Security = 'internal-token' | 'bearer';

type BodySpec = Parameters<typeof validateModel>[0];

export interface EndpointDefinition<S extends BodySpec | undefined> {
  method: 'GET' | 'POST' | 'PUT';
  /** Relative to the API base URL, with `{name}` for integer path parameters. */
  path: string;
  security?: Security;
  query?: QueryParam[];
  body?: S;
  handle(context: EndpointContext<S extends BodySpec ? ModelOf<S> : undefined>): PlatformResponse;
}

export interface Endpoint {
  method: string;
  path: string;
  run(
    request: IncomingPlatformRequest,
    pathValues: Record<string, string>,
    services: PlatformServices,
  ): PlatformResponse;
}

/**
 * Wraps a handler in FastAPI's request pipeline, in the order PLATFORM_API.md states and the
 * recording confirms: (routing happened already) 2. the body is read and parsed, a malformed
 * JSON body failing at once; 3. the security dependency runs: a wrong or empty token or a bad
 * bearer answers at once, while a missing internal token is only collected; 4. path, query
 * and body are validated and every problem, the missing header first, goes out in one 422;
 * 5. the handler's own checks.
 */
export function defineEndpoint<S extends BodySpec | undefined = undefined>(
  definition: EndpointDefinition<S>,
): Endpoint {
  return {
    method: definition.method,
    path: definition.path,
    run(request, pathValues, services) {
      let body: ReturnType<typeof readBody> = { kind: 'absent' };
      if (definition.body) {
        body = readBody(request.header('content-type'), request.body);
        if (body.kind === 'rejected') return body.response;
      }

      const found: ValidationIssue[] = [];
      let signedIn: SignedIn | undefined;
      if (definition.security === 'internal-token') {
        const token = request.header('x-internal-token');
        if (token === undefined)
          found.push(at(['header', 'X-Internal-Token'], issues.missing(null)));
        else if (token !== services.internalToken()) return detail(401, 'Invalid internal token');
      } else if (definition.security === 'bearer') {
        const outcome = checkBearer(request.header('authorization'), services.identity);
        if ('response' in outcome) return outcome.response;
        signedIn = outcome.signedIn;
      }

      const path: Record<string, bigint> = {};
      for (const [name, raw] of Object.entries(pathValues)) {
        const parsed = parseIntString(raw, raw);
        if (parsed.ok) path[name] = parsed.value;
        else found.push(at(['path', name], parsed.issue));
      }

      const query: Record<string, bigint> = {};
      for (const param of definition.query ?? []) {
        const raw = request.query.getAll(param.name).at(-1);
        if (raw === undefined) {
          query[param.name] = param.default;
          continue;
        }
        const parsed = validateInt(raw, param);
        if (parsed.ok) query[param.name] = parsed.value;
        else found.push(at(['query', param.name], parsed.issue));
      }

      let model: unknown;
      if (definition.body) {
        if (body.kind !== 'present' || body.value === null) {
          found.push(at(['body'], issues.missing(null)));
        } else {
          const result = validateModel(definition.body, body.value, ['body']);
          if (result.ok) model = result.value;
          else found.push(...result.issues);
        }
      }

      if (found.length > 0) return validationFailed(found);
      return definition.handle({
        path,
        query,
        body: model as S extends BodySpec ? ModelOf<S> : undefined,
        signedIn,
        services,
      });
    },
  };
}

/** FastAPI's HTTPBearer (403s) and then the platform's JWT check (401, or 500 without a key). */
function checkBearer(
  authorization: string | undefined,
  identity: IdentityServer,
): { signedIn: SignedIn } | { response: PlatformResponse } {
  const space = authorization?.indexOf(' ') ?? -1;
  const scheme =
    authorization === undefined || space < 0 ? authorization : authorization.slice(0, space);
  const credentials =
    space < 0 || authorization === undefined ? '' : authorization.slice(space + 1);
  if (!authorization || !scheme || !credentials)
    return { response: detail(403, 'Not authenticated') };
  if (scheme.toLowerCase() !== 'bearer')
    return { response: detail(403, 'Invalid authentication credentials') };
  const check = identity.verify(credentials);
  if (check.ok) return { signedIn: { claims: check.claims, user: check.user } };
  if (check.kind === 'no-public-key')
    return {
      response: detail(500, 'JWT public key not available. Please ensure Keycloak is accessible.'),
    };
  return {
    response: detail(401, `Invalid token: ${check.reason}`, { 'www-authenticate': 'Bearer' }),
  };
}
