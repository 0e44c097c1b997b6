/**
 * Hostnames that never leave this machine: `localhost` itself, 127.0.0.0/8 and ::1 in their
 * usual spellings. Secrets may travel over plain http only to these. Not `*.localhost`:
 * whatever DNS (or a hosts file) answers for `evil.localhost` would read them.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(host)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
