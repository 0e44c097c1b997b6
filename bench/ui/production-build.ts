import path from 'node:path';
import { viteBuild } from '../../test/helpers/vite-build';

/**
 * The renderer as it ships: built into `dir` with NODE_ENV=production. Not the tests' copy
 * in out/renderer-web: vitest sets NODE_ENV=test, so a copy the tests built carries React's
 * development build (several times slower to evaluate and render), and it is reused by
 * anyone who finds it up to date.
 */
export function productionRendererBuild(dir: string): string {
  const outDir = path.join(dir, 'renderer-web');
  viteBuild(outDir, { ...process.env, NODE_ENV: 'production' });
  return outDir;
}
