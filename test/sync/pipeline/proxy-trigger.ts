import type { FaultProxy, FaultRuleHandle, ProxiedRequest } from '../../rig/fault-proxy';

/**
 * Calls `action` the moment `proxy` receives the `nth` request that `matches`, before it is
 * forwarded. With `drop`, that request and every later matching one are dropped unforwarded
 * (for a kill: nothing the dying process sent gets through). Remove the handle once done.
 */
export function atRequest(
  proxy: FaultProxy,
  matches: (request: ProxiedRequest) => boolean,
  nth: number,
  action: () => void,
  options: { drop?: boolean } = {},
): FaultRuleHandle {
  let seen = 0;
  return proxy.addRule({
    when: (request) => {
      if (!matches(request)) return false;
      seen += 1;
      if (seen === nth) action();
      return (options.drop ?? false) && seen >= nth;
    },
    fault: { kind: 'drop' },
  });
}
