import fs from 'node:fs/promises';
import path from 'node:path';
import {
  MEDIA_SCHEME,
  parseStillPath,
  stillContentType,
  type StillFileName,
} from '../../shared/media-urls';

/**
 * Asset stills in the desktop app: `dailies-media://assets/<id>/<file>` served from the
 * engine's `<dataDir>/stills/`. Standard and secure so the dailies-app page may load it as
 * an image (the CSP's img-src names the scheme); nothing but the three still files of a
 * numeric asset id can be named (src/shared/media-urls.ts), so the rest of the disk is out
 * of reach.
 */
export const mediaSchemePrivileges = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export interface StillFile {
  path: string;
  file: StillFileName;
}

/** The still a request names under stillsDir, or null for anything else. */
export function resolveStillFile(stillsDir: string, requestUrl: string): StillFile | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${MEDIA_SCHEME}:` || url.host !== 'assets') return null;
  const still = parseStillPath(url.pathname);
  if (!still) return null;
  return {
    path: path.join(path.resolve(stillsDir), String(still.assetId), still.file),
    file: still.file,
  };
}

/** The protocol handler: the still's bytes with its type, cached by `?v=`; 404 otherwise. */
export function createMediaProtocolHandler(
  stillsDir: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = { 'X-Content-Type-Options': 'nosniff' };
    const still = resolveStillFile(stillsDir, request.url);
    if (!still) return new Response('Not found', { status: 404, headers });
    try {
      const body = await fs.readFile(still.path);
      const versioned = /^\d{1,15}$/.test(new URL(request.url).searchParams.get('v') ?? '');
      return new Response(body, {
        status: 200,
        headers: {
          ...headers,
          'Content-Type': stillContentType(still.file),
          'Cache-Control': versioned ? 'private, max-age=31536000, immutable' : 'no-cache',
        },
      });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}
