import { dailiesError } from '../../shared/contract/errors';
import { isLoopbackHost } from '../../shared/loopback-host';

/**
 * Secrets (the internal token, a bearer token, a password) travel only over https, or over
 * plain http to this machine (a local stand-in or a tunnel). Anything else would hand them to
 * every network between the editor and the platform, so the request is refused before it
 * exists.
 */
export function assertSecretMayTravel(baseUrl: URL, secret: string): void {
  if (baseUrl.protocol === 'https:') return;
  if (baseUrl.protocol === 'http:' && isLoopbackHost(baseUrl.hostname)) return;
  throw dailiesError(
    'E_VALIDATION',
    `Dailies will not send the ${secret} over plain ${baseUrl.protocol.replace(':', '')} to ` +
      `${baseUrl.host}: anyone on the network could read it. Use an https:// API base URL ` +
      'in the profile.',
    { details: { field: 'baseUrl', protocol: baseUrl.protocol, host: baseUrl.host } },
  );
}

/** Parses a profile's API base URL (everything before `/v1`), with an editor's message. */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw dailiesError('E_VALIDATION', `The API base URL "${baseUrl}" is not a web address.`, {
      details: { field: 'baseUrl' },
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw dailiesError('E_VALIDATION', 'The API base URL must start with https:// or http://.', {
      details: { field: 'baseUrl' },
    });
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw dailiesError(
      'E_VALIDATION',
      'The API base URL is everything before /v1, without a query, fragment or user name.',
      { details: { field: 'baseUrl' } },
    );
  }
  // `https://api.example.com/api/` and `.../api` name the same base.
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
