import type { EnvHttpProxyAgent, fetch as UndiciFetch } from 'undici';
import { loadNetworkModules } from './load-network-modules';
import type { NetworkConfig } from './network-config';

export interface NetworkFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

/**
 * The fetch the platform client uses. Node 20's global fetch ignores HTTPS_PROXY and any CA
 * bundle not given at process start, so when either is configured requests go through
 * undici's EnvHttpProxyAgent with the proxies, NO_PROXY and CAs of `config` (never
 * process.env behind our back). Otherwise the global fetch is used unchanged.
 */
export function createNetworkFetch(config: NetworkConfig): NetworkFetch {
  if (!config.httpProxy && !config.httpsProxy && !config.hasCaBundles) {
    // Read when a request is made, not now: reading globalThis.fetch makes Node load its
    // own undici (over 100 ms), which a command that sends nothing should not pay for.
    const direct: typeof fetch = (input, init) => globalThis.fetch(input, init);
    return { fetch: direct, close: async () => {} };
  }
  // undici is loaded and the agent built on the first request: the agent deep-clones its
  // options, and undici is a large module, costs every short command (`dailies info`, `ls`)
  // paid at start-up without sending anything.
  let agent: EnvHttpProxyAgent | null = null;
  const dispatcher = async () => {
    const [{ EnvHttpProxyAgent: Agent }, ca] = await Promise.all([
      loadNetworkModules(),
      config.trustedCas(),
    ]);
    const tlsOptions = ca === null ? {} : { ca };
    agent ??= new Agent({
      // '' (not undefined) stops undici from reading process.env itself.
      httpProxy: config.httpProxy,
      httpsProxy: config.httpsProxy,
      noProxy: config.noProxy,
      connect: tlsOptions,
      requestTls: tlsOptions,
      proxyTls: tlsOptions,
    });
    return agent;
  };
  const proxied = async (
    input: Parameters<typeof fetch>[0],
    init?: Parameters<typeof fetch>[1],
  ) => {
    const [{ undiciFetch }, through] = await Promise.all([loadNetworkModules(), dispatcher()]);
    return undiciFetch(
      // undici's own types describe the same WHATWG shapes as the DOM lib's.
      input as Parameters<typeof UndiciFetch>[0],
      { ...(init as Parameters<typeof UndiciFetch>[1]), dispatcher: through },
    );
  };
  return {
    fetch: proxied as unknown as typeof fetch,
    close: () => agent?.close() ?? Promise.resolve(),
  };
}
