import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Builds one electron-vite target (main, preload) with the project's own
 * electron.vite.config.ts into a fresh temp dir, so tests check exactly what ships without
 * touching out/. Cached per test file; the caller removes the dir.
 */
export async function buildElectronTarget(target: 'main' | 'preload'): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `dailies-${target}-build-`));
  const resolved = await resolveConfig(
    { configFile: path.join(root, 'electron.vite.config.ts'), root, logLevel: 'silent' },
    'build',
    'production',
  );
  const config = resolved.config?.[target] as InlineConfig | undefined;
  if (!config) throw new Error(`electron.vite.config.ts has no ${target} config`);
  await build({
    ...config,
    configFile: false,
    root,
    logLevel: 'silent',
    build: { ...config.build, outDir, emptyOutDir: true },
  });
  return outDir;
}
