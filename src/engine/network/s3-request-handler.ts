import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { loadNetworkModules } from './load-network-modules';
import { proxyFor, type NetworkConfig } from './network-config';

/** AWS S3's own endpoint for a region, for deciding the proxy when the profile names none. */
function awsEndpoint(region: string): URL {
  return new URL(`https://s3.${region}.amazonaws.com`);
}

/**
 * How long S3 may keep us waiting. The SDK's default is for ever: a connection that goes
 * silent (a laptop leaving Wi-Fi, a dropped VPN) would stall a part until TCP gives up, and
 * the queue would not notice it is offline. `socketTimeout` is an idle timeout (no byte
 * either way for that long), so a slow but moving 64 MiB part is not cut. Not
 * `requestTimeout`: in the SDK's handler that is a limit on the whole request which only logs
 * a warning unless told to throw, and a limit on the whole request would cut a slow part.
 */
export interface S3Timeouts {
  connectionTimeout: number;
  socketTimeout: number;
}
export const s3Timeouts: S3Timeouts = { connectionTimeout: 10_000, socketTimeout: 60_000 };

/**
 * The AWS SDK's request handler for one S3 endpoint: through HTTPS_PROXY/HTTP_PROXY (a
 * CONNECT tunnel) unless NO_PROXY exempts the endpoint, trusting the configured CA bundles,
 * always with the timeouts above. Async: the HTTP libraries load with the first client.
 */
export async function createS3RequestHandler(
  config: NetworkConfig,
  target: { endpoint: string | null; region: string },
  timeouts: S3Timeouts = s3Timeouts,
): Promise<NodeHttpHandler> {
  const [{ NodeHttpHandler, HttpsProxyAgent, HttpAgent, HttpsAgent }, ca] = await Promise.all([
    loadNetworkModules(),
    config.trustedCas(),
  ]);
  const url = target.endpoint ? new URL(target.endpoint) : awsEndpoint(target.region);
  const proxy = proxyFor(config, url);
  if (proxy === null && ca === null) return new NodeHttpHandler(timeouts);
  const tlsOptions = ca === null ? {} : { ca };
  if (proxy !== null) {
    // One tunnel agent for both schemes: CONNECT works for plain http targets too.
    const agent = new HttpsProxyAgent(proxy, { keepAlive: true, ...tlsOptions });
    return new NodeHttpHandler({ ...timeouts, httpAgent: agent, httpsAgent: agent });
  }
  return new NodeHttpHandler({
    ...timeouts,
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({ keepAlive: true, ...tlsOptions }),
  });
}
