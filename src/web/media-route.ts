import fs from 'node:fs';
import path from 'node:path';
import {
  MEDIA_ASSETS_PREFIX,
  parseStillPath,
  STILLS_DIR,
  stillContentType,
} from '../shared/media-urls';
import { sendText } from './security-headers';
import type { WebRoute } from './web-route';

/**
 * GET /media/assets/<id>/<file>: an asset's thumbnail, filmstrip or filmstrip index from
 * `<dataDir>/stills/<id>/`. `token-or-query` because an <img> cannot send a header. Only the
 * three still names and a numeric id are accepted (src/shared/media-urls.ts), so no request
 * can name another file. A `?v=` URL is immutable: the engine bumps the version whenever it
 * rewrites the stills, so the browser may keep each version for good.
 */
export function mediaRoute(dataDir: string): WebRoute {
  const stillsDir = path.resolve(dataDir, STILLS_DIR);
  return {
    name: 'media',
    access: 'token-or-query',
    matches: (_method, pathname) =>
      pathname === MEDIA_ASSETS_PREFIX || pathname.startsWith(`${MEDIA_ASSETS_PREFIX}/`),
    async handle(req, res, url) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return sendText(res, 405, 'Only GET and HEAD are served here.');
      }
      const still = parseStillPath(url.pathname.slice(MEDIA_ASSETS_PREFIX.length));
      if (!still) return sendText(res, 404, 'Not found.');
      const file = path.join(stillsDir, String(still.assetId), still.file);
      let size: number;
      try {
        const stat = await fs.promises.stat(file);
        if (!stat.isFile()) return sendText(res, 404, 'Not found.');
        size = stat.size;
      } catch {
        return sendText(res, 404, 'This asset has no such still yet.');
      }
      const version = url.searchParams.get('v');
      res.statusCode = 200;
      res.setHeader('Content-Type', stillContentType(still.file));
      res.setHeader('Content-Length', size);
      // private: the URL carries the token, so no shared cache may keep it.
      res.setHeader(
        'Cache-Control',
        version !== null && /^\d{1,15}$/.test(version)
          ? 'private, max-age=31536000, immutable'
          : 'private, no-cache',
      );
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
    },
  };
}
