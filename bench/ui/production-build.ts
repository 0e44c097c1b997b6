import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The renderer as it ships: built into `dir` with NODE_ENV=production. Not the tests' copy
 * in out/renderer-web: vitest sets NODE_ENV=test, so a copy the tests built carries React's
 * development build (several times slower to evaluate and render), and it is reused by
 * anyone who finds it up to date.
 */
export function productionRendererBuild(dir: string): string {
  const outDir = path.join(dir, 'renderer-web');
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'vite.web.config.ts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return outDir;
}
