import type { EnvHttpProxyAgent, fetch as UndiciFetch } from 'undici';
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
  if (!config.httpProxy && !config.httpsProxy && config.ca === null) {
    return { fetch: globalThis.fetch, close: async () => {} };
  }
  const tlsOptions = config.ca === null ? {} : { ca: config.ca };
  // undici and the agent are loaded and built on the first request: loading undici and
  // deep-cloning the agent's options was a cost every short command (`dailies info`, `ls`)
  // paid at start-up without sending anything.
  let loading: Promise<{ agent: EnvHttpProxyAgent; fetch: typeof UndiciFetch }> | null = null;
  const load = () =>
    (loading ??= import('undici').then((undici) => {
      const agent = new undici.EnvHttpProxyAgent({
        // '' (not undefined) stops undici from reading process.env itself.
        httpProxy: config.httpProxy,
        httpsProxy: config.httpsProxy,
        noProxy: config.noProxy,
        connect: tlsOptions,
        requestTls: tlsOptions,
        proxyTls: tlsOptions,
      });
      return { agent, fetch: undici.fetch };
    }));
  const proxied = async (
    input: Parameters<typeof fetch>[0],
    init?: Parameters<typeof fetch>[1],
  ) => {
    const undici = await load();
    return undici.fetch(
      // undici's own types describe the same WHATWG shapes as the DOM lib's.
      input as Parameters<typeof UndiciFetch>[0],
      { ...(init as Parameters<typeof UndiciFetch>[1]), dispatcher: undici.agent },
    );
  };
  return {
    fetch: proxied as unknown as typeof fetch,
    close: async () => {
      if (loading) await (await loading).agent.close();
    },
  };
}
