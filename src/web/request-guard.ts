import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request was refused, as the HTTP status and a sentence for whoever sent it. */
export interface Refusal {
  status: 400 | 401 | 403;
  message: string;
}

/** The two names the loopback address answers to; anything else is a rebinding attempt. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * DNS-rebinding and cross-site defence, applied to every request including static files:
 * a page on another site that points its own hostname at 127.0.0.1 still sends its own
 * Host, and a cross-site fetch sends its own Origin. A missing Origin is allowed (same-origin
 * GETs and non-browser clients omit it); the token still guards every API call.
 */
export function checkHostAndOrigin(req: IncomingMessage, port: number): Refusal | null {
  // HTTP/1.1 wants exactly one Host: with two, a proxy and this host could each believe a
  // different one (Node keeps only the first in req.headers).
  const hostHeaders = req.rawHeaders.filter(
    (_, i) => i % 2 === 0 && /^host$/i.test(req.rawHeaders[i]!),
  );
  if (hostHeaders.length > 1) {
    return { status: 400, message: 'A request carries exactly one Host header.' };
  }
  const hosts = allowedHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) {
    return { status: 403, message: 'Dailies only answers on its loopback address.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { status: 403, message: 'Requests from other sites are refused.' };
  }
  return null;
}

/** The token from `Authorization: Bearer <token>`, or from `?token=` where allowed. */
export function presentedToken(req: IncomingMessage, url: URL, allowQuery: boolean): string {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1]) return match[1];
  return allowQuery ? (url.searchParams.get('token') ?? '') : '';
}

/**
 * Compares in constant time. Hashing first gives both sides the same length, so neither
 * the comparison nor an early length check leaks how much of a guess was right.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && presented.length > 0;
}

export function checkToken(
  req: IncomingMessage,
  url: URL,
  expected: string,
  allowQuery: boolean,
): Refusal | null {
  const presented = presentedToken(req, url, allowQuery);
  if (tokensMatch(presented, expected)) return null;
  return {
    status: 401,
    message: presented
      ? 'The token does not match this run of Dailies. Open the address it printed.'
      : 'This request needs the token from the address Dailies printed.',
  };
}

export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}
