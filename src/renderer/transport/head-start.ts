import type { ContractTransport, EventName, MethodName, WireResult } from '../../shared/contract';

/**
 * Sends `method(input)` now, and returns the transport with that request already on its
 * way: the first request for that method, when its input is the same (compared as JSON),
 * takes its answer instead of asking again; every other request goes through as usual. Lets the
 * window ask for what it shows first before the rest of its script has been evaluated.
 *
 * Nobody listens for the engine's events until the app connects its store, so an event that
 * says the answer may be out of date (`staleOn`) is watched for from the start: if one arrives
 * before the answer is taken, the answer is dropped and the first request asks again. The watch
 * ends once the app adds its own listener, after that listener is in place, so a transport that
 * opens its event stream for the first listener (the web host's) never closes it in between.
 */
export function withHeadStart(
  transport: ContractTransport,
  method: MethodName,
  input: unknown,
  staleOn: EventName,
): ContractTransport {
  let early: { key: string; result: Promise<WireResult> } | null = {
    key: requestKey(method, input),
    result: transport.request(method, input),
  };
  let stopWatching: (() => void) | null = transport.listen((event) => {
    if (event.name === staleOn) early = null;
  });
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
    listen(listener) {
      const stop = transport.listen(listener);
      stopWatching?.();
      stopWatching = null;
      return stop;
    },
  };
}

function requestKey(method: MethodName, input: unknown): string {
  return `${method} ${JSON.stringify(input ?? {})}`;
}
