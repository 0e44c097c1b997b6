import fs from 'node:fs';

/** How this machine reaches the network: proxies and extra certificate authorities. */
export interface NetworkConfig {
  /** For http:// targets; '' for none. */
  httpProxy: string;
  /** For https:// targets; falls back to httpProxy like curl and undici. '' for none. */
  httpsProxy: string;
  /** Comma- or space-separated hosts (`.example.com`, `host:port`, `*`) that go direct. */
  noProxy: string;
  /** Whether extra CA bundles are named (read by trustedCas, not yet). */
  hasCaBundles: boolean;
  /**
   * The trusted CAs when extra bundles are configured: the built-in roots plus the bundles
   * (giving `ca` replaces Node's defaults, so the roots must be included). null: defaults.
   * Read on the first call (the first connection), once: a command that sends nothing does
   * not read the bundles or load Node's TLS module at start-up.
   */
  trustedCas(): Promise<string[] | null>;
}

const first = (env: NodeJS.ProcessEnv, ...names: string[]): string => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return '';
};

/**
 * Reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) and the names of the CA bundles
 * NODE_EXTRA_CA_CERTS and AWS_CA_BUNDLE from the given environment. Node applies
 * NODE_EXTRA_CA_CERTS by itself only to the process's own start-up environment and only to
 * its default agents; reading it here makes proxied connections and an injected environment
 * trust the same authorities. A bundle that cannot be read is told to `onProblem` (the log)
 * when the CAs are first needed, and ignored.
 */
export function readNetworkConfig(
  env: NodeJS.ProcessEnv,
  onProblem: (message: string) => void = () => {},
): NetworkConfig {
  const httpProxy = first(env, 'http_proxy', 'HTTP_PROXY');
  const httpsProxy = first(env, 'https_proxy', 'HTTPS_PROXY') || httpProxy;
  const noProxy = first(env, 'no_proxy', 'NO_PROXY');
  const bundles = ['NODE_EXTRA_CA_CERTS', 'AWS_CA_BUNDLE']
    .map((name) => ({ name, file: env[name]?.trim() ?? '' }))
    .filter((bundle) => bundle.file !== '');
  let cas: Promise<string[] | null> | undefined;
  const readCas = async (): Promise<string[] | null> => {
    const extra: string[] = [];
    for (const { name, file } of bundles) {
      try {
        extra.push(await fs.promises.readFile(file, 'utf8'));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        onProblem(`${name} names ${file}, which cannot be read (${reason}); it is ignored.`);
      }
    }
    if (extra.length === 0) return null;
    const { rootCertificates } = await import('node:tls');
    return [...rootCertificates, ...extra];
  };
  return {
    httpProxy,
    httpsProxy,
    noProxy,
    hasCaBundles: bundles.length > 0,
    trustedCas: () => (cas ??= readCas()),
  };
}

/** The proxy a request to `target` goes through, or null for a direct connection. */
export function proxyFor(config: NetworkConfig, target: URL): string | null {
  const proxy = target.protocol === 'https:' ? config.httpsProxy : config.httpProxy;
  if (!proxy || !shouldProxy(config.noProxy, target)) return null;
  return proxy;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** NO_PROXY as undici reads it, so fetch and the S3 client agree on every host. */
export function shouldProxy(noProxy: string, target: URL): boolean {
  const entries = noProxy.split(/[,\s]/).filter(Boolean);
  if (entries.length === 0) return true;
  if (noProxy.trim() === '*') return false;
  const hostname = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0;
  for (const entry of entries) {
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const host = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    const entryPort = parsed ? Number.parseInt(parsed[2]!, 10) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === host || hostname.endsWith(`.${host}`)) return false;
  }
  return true;
}
