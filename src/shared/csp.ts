/**
 * The one Content-Security-Policy for the renderer, sent by the Electron window and by the
 * web host alike, so the browser tests exercise the policy the desktop app ships with.
 * `dailies-media:` is the Electron protocol that serves thumbnails and filmstrips from the
 * data dir (the filmstrip's index is fetched, hence connect-src); the web host serves them
 * from its own origin ('self'). TMDB's small candidate posters load from its image host only
 * (https, no cookies); nothing else from the internet reaches the page.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: dailies-media: https://image.tmdb.org",
  "font-src 'self'",
  "connect-src 'self' dailies-media:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
