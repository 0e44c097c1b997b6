import type { ContractTransport, MethodName, WireResult } from '../../shared/contract';

/**
 * Sends `method(input)` now, and returns the transport with that request already on its
 * way: the first request for that method, when its input is the same (compared as JSON),
 * takes its answer instead of asking again; every other request goes through as usual. Lets the
 * window ask for what it shows first before the rest of its script has been evaluated.
 */
export function withHeadStart(
  transport: ContractTransport,
  method: MethodName,
  input: unknown,
): ContractTransport {
  let early: { key: string; result: Promise<WireResult> } | null = {
    key: requestKey(method, input),
    result: transport.request(method, input),
  };
  return {
    request(next, nextInput) {
      // Only the first request for the method may take it: a later one must not be answered
      // with what was true when the window opened.
      if (early !== null && next === method) {
        const { key, result } = early;
        early = null;
        if (key === requestKey(next, nextInput)) return result;
      }
      return transport.request(next, nextInput);
    },
    listen: (listener) => transport.listen(listener),
  };
}

function requestKey(method: MethodName, input: unknown): string {
  return `${method} ${JSON.stringify(input ?? {})}`;
}
