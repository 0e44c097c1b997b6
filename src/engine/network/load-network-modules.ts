import type * as LazyNetworkModules from './lazy-network-modules';

export type NetworkModules = typeof LazyNetworkModules;

let loading: Promise<NetworkModules> | undefined;

/**
 * undici, https-proxy-agent and the SDK's HTTP handler, imported the first time something
 * talks to a store or a platform: a short command (`dailies info`, `ls`) never loads them.
 */
export function loadNetworkModules(): Promise<NetworkModules> {
  loading ??= import('./lazy-network-modules');
  return loading;
}
