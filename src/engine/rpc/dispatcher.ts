import {
  isMethodName,
  methods,
  type Handlers,
  type MethodName,
  type WireResult,
} from '../../shared/contract';
import type { Logger } from '../logging/logger';
import { toErrorValue, validationErrorValue } from './to-error-value';

export type Dispatch = (method: string, input: unknown) => Promise<WireResult>;

/**
 * The single entry point every host calls: checks the method exists, validates the input
 * against the contract, runs the handler and validates what it returns. Hosts never call
 * handlers directly, so no host can skip validation.
 */
export function createDispatcher(handlers: Handlers, logger: Logger): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return {
        ok: false,
        error: {
          code: 'E_UNKNOWN_METHOD',
          message: `Dailies has no method named "${method}".`,
          retryable: false,
        },
      };
    }
    const parsed = methods[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: validationErrorValue(parsed.error) };
    try {
      const value = await callHandler(handlers, method, parsed.data);
      return { ok: true, value: methods[method].output.parse(value) };
    } catch (error) {
      return { ok: false, error: toErrorValue(error, logger, method) };
    }
  };
}

function callHandler(handlers: Handlers, method: MethodName, input: unknown): Promise<unknown> {
  // The map type ties each handler to its own input; indexing by a union loses that link,
  // and the input was just parsed with this method's own schema.
  const handler = handlers[method] as (input: unknown) => Promise<unknown>;
  return handler(input);
}
