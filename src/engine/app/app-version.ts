import { createRequire } from 'node:module';

/** The version in package.json, for hosts that are not Electron (which has app.getVersion()). */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../../../package.json', '../../package.json', '../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'dailies' && pkg.version) return pkg.version;
    } catch {
      // Bundled hosts sit at another depth; try the next candidate.
    }
  }
  return '0.0.0';
}
