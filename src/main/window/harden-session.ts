import type { Session } from 'electron';

/**
 * Session-wide rules: the one CSP (src/shared/csp.ts) on every response the renderer gets,
 * and every permission (camera, notifications, geolocation, HID, ...) refused. Dailies needs
 * none of them; native notifications come from main, not from the page.
 */
export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders };
    for (const name of Object.keys(responseHeaders)) {
      if (name.toLowerCase() === 'content-security-policy') delete responseHeaders[name];
    }
    responseHeaders['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * The dev server (electron-vite dev) injects an inline React Refresh preamble and inline
 * styles; only in development do scripts and styles also allow 'unsafe-inline'.
 */
export function devContentSecurityPolicy(policy: string): string {
  return policy
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", "connect-src 'self' ws:");
}
