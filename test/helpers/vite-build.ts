import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds the browser renderer (vite.web.config.ts) into `outDir` with `env`, whose NODE_ENV
 * picks React's build: the browser tests' copy and the ui bench's production copy both come
 * from here. Vite's warnings and errors reach the caller's stderr.
 */
export function viteBuild(outDir: string, env: NodeJS.ProcessEnv): void {
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
    { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
