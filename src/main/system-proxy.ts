/**
 * The engine runs in a utility process whose fetch and S3 client read HTTPS_PROXY, not the
 * operating system's proxy settings. Editors behind a corporate proxy usually have it only
 * in the OS settings (or a PAC file), so main asks Chromium's resolver once and hands the
 * answer to the engine as environment variables. Variables the editor set explicitly win.
 *
 * `pacResult` is what session.resolveProxy() returns: "DIRECT", "PROXY host:port",
 * "HTTPS host:port", "SOCKS5 host:port", possibly several separated by ";".
 */
export function proxyEnvFromSystem(
  pacResult: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const explicit = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some(
    (name) => (env[name] ?? '') !== '',
  );
  if (explicit) return {};
  for (const entry of pacResult.split(';')) {
    const [kind, hostPort] = entry.trim().split(/\s+/);
    if (!kind || !hostPort) continue;
    // SOCKS is not supported by the engine's HTTP clients: fall through to the next entry.
    if (kind.toUpperCase() === 'PROXY')
      return { HTTPS_PROXY: `http://${hostPort}`, HTTP_PROXY: `http://${hostPort}` };
    if (kind.toUpperCase() === 'HTTPS')
      return { HTTPS_PROXY: `https://${hostPort}`, HTTP_PROXY: `https://${hostPort}` };
  }
  return {};
}
