import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The built renderer is served from dailies-app://app/ rather than file://: a real origin
 * for 'self' in the CSP, no access to the rest of the disk, and the CSP sent as a header on
 * every response (webRequest does not see custom protocols).
 */
export const appScheme = 'dailies-app';
export const appOrigin = `${appScheme}://app`;
export const appEntryUrl = `${appOrigin}/index.html`;

export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** The file under rendererDir a request names, or null for anything outside it. */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${appScheme}:` || url.host !== 'app') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows; no renderer file has one in its name.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/** The protocol handler: the file's bytes with its type, the CSP and nosniff; 404 otherwise. */
export function createAppProtocolHandler(
  rendererDir: string,
  contentSecurityPolicy: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
    };
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const body = await fs.readFile(file);
      const type = mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': type } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}
