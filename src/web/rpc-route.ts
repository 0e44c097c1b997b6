import type { WireResult } from '../shared/contract';
import type { Dispatch } from '../engine/rpc/dispatcher';
import { readJsonBody } from './read-json-body';
import { sendJson, sendText } from './security-headers';
import type { WebRoute } from './web-route';

export const RPC_PREFIX = '/api/rpc/';

/**
 * POST /api/rpc/<method> with the method's input as the JSON body. Every answer the engine
 * gives, success or contract error, is a WireResult with status 200: HTTP statuses are kept
 * for what the transport itself refuses (size, content type, token), which the client maps
 * to an error of its own. Validation is the dispatcher's job, as for every host.
 */
export function rpcRoute(dispatch: Dispatch, maxBodyBytes: number): WebRoute {
  return {
    name: 'rpc',
    access: 'token',
    matches: (_method, pathname) => pathname.startsWith(RPC_PREFIX),
    async handle(req, res, url) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return sendText(res, 405, 'Contract calls are POST requests.');
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') {
        return sendText(res, 415, 'Contract calls carry a JSON body (application/json).');
      }
      const method = methodOf(url.pathname);
      if (method === null) {
        const result: WireResult = {
          ok: false,
          error: {
            code: 'E_VALIDATION',
            message: 'The method name in the address is not valid percent-encoding.',
            retryable: false,
          },
        };
        return sendJson(res, 400, result);
      }
      const body = await readJsonBody(req, maxBodyBytes);
      switch (body.kind) {
        case 'too-large':
          res.setHeader('Connection', 'close');
          return sendText(res, 413, `The request is larger than ${maxBodyBytes} bytes.`);
        case 'aborted':
          return;
        case 'invalid-json': {
          const result: WireResult = {
            ok: false,
            error: {
              code: 'E_VALIDATION',
              message: 'The request is not valid JSON.',
              retryable: false,
            },
          };
          return sendJson(res, 200, result);
        }
        case 'ok':
          return sendJson(res, 200, await dispatch(method, body.value));
      }
    },
  };
}

/** The method name from the address, or null when its percent-encoding is broken (`%ZZ`). */
function methodOf(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(RPC_PREFIX.length));
  } catch {
    return null;
  }
}
