import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Builds one electron-vite target (main, preload) with the project's own
 * electron.vite.config.ts into a fresh dir, so tests check exactly what ships without
 * touching out/main or out/preload. The dir sits under out/ so that the bundle's external
 * packages resolve from the project's node_modules. Built once per test file; the caller
 * removes the dir.
 */
export async function buildElectronTarget(target: 'main' | 'preload'): Promise<string> {
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(root, 'out', `.test-${target}-`));
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
