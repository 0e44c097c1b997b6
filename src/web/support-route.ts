import fs from 'node:fs';
import path from 'node:path';
import { SUPPORT_DIR, SUPPORT_PREFIX, supportBundleName } from '../shared/support-urls';
import { sendText } from './security-headers';
import type { WebRoute } from './web-route';

/**
 * GET /api/support/<file>: a support bundle app.supportBundle wrote to the data dir's support
 * folder, as a download. Token in the header only (the page fetches it, then saves it), so
 * the address of a bundle, which holds the logs, is never enough to read it.
 */
export function supportRoute(dataDir: string): WebRoute {
  const supportDir = path.resolve(dataDir, SUPPORT_DIR);
  return {
    name: 'support',
    access: 'token',
    matches: (_method, pathname) => pathname.startsWith(`${SUPPORT_PREFIX}/`),
    async handle(req, res, url) {
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET');
        return sendText(res, 405, 'Only GET is served here.');
      }
      const name = supportBundleName(url.pathname.slice(SUPPORT_PREFIX.length + 1));
      if (!name) return sendText(res, 404, 'Not found.');
      let text: Buffer;
      try {
        text = await fs.promises.readFile(path.join(supportDir, name));
      } catch {
        return sendText(res, 404, 'There is no such support bundle.');
      }
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.setHeader('Content-Length', text.length);
      res.setHeader('Cache-Control', 'no-store');
      res.end(text);
    },
  };
}
