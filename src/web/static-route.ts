import fs from 'node:fs';
import path from 'node:path';
import { sendText } from './security-headers';
import type { WebRoute } from './web-route';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The built renderer. Paths without an extension fall back to index.html (a reload on a
 * deep link); a missing asset is a plain 404. Files under assets/ carry a content hash in
 * their name, so they may be cached for good; index.html never is.
 */
export function staticRoute(rendererDir: string): WebRoute {
  const root = path.resolve(rendererDir);
  return {
    name: 'static',
    access: 'public',
    matches: () => true,
    async handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return sendText(res, 405, 'Only GET and HEAD are served here.');
      }
      const file = resolveInside(root, url.pathname);
      if (!file) return sendText(res, 404, 'Not found.');
      const found = (await isFile(file))
        ? file
        : path.extname(file) === '' && (await isFile(path.join(root, 'index.html')))
          ? path.join(root, 'index.html')
          : null;
      if (!found) {
        return (await isFile(path.join(root, 'index.html')))
          ? sendText(res, 404, 'Not found.')
          : sendText(res, 503, 'The renderer is not built yet. Run: npm run build:web');
      }
      const ext = path.extname(found).toLowerCase();
      res.statusCode = 200;
      res.setHeader('Content-Type', contentTypes[ext] ?? 'application/octet-stream');
      res.setHeader(
        'Cache-Control',
        found.startsWith(path.join(root, 'assets') + path.sep)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
      const { size } = await fs.promises.stat(found);
      res.setHeader('Content-Length', size);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(found)
        .on('error', () => res.destroy())
        .pipe(res);
    },
  };
}

/** The file a URL path names, or null when it would leave the renderer folder. */
function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = path.resolve(root, relative);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}
