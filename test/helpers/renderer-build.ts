import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { viteBuild } from './vite-build';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const rendererWebDir = path.join(repoRoot, 'out/renderer-web');
const sources = ['src/renderer', 'src/shared', 'vite.web.config.ts', 'package.json'];
const lockDir = path.join(repoRoot, 'out/.renderer-web.lock');

/**
 * The renderer build the browser tests open, rebuilt only when it is missing or older than
 * its sources (npm test builds it up front, so this is usually a stat walk). A lock folder
 * keeps parallel test files from building over each other.
 */
export function ensureRendererBuild(): string {
  withLock(() => {
    if (isStale()) viteBuild(rendererWebDir, process.env);
  });
  return rendererWebDir;
}

function isStale(): boolean {
  let built: number;
  try {
    built = fs.statSync(path.join(rendererWebDir, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((source) => newestMtime(path.join(repoRoot, source)) > built);
}

function newestMtime(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) {
    newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

function withLock(run: () => void): void {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than the longest build is left over from a killed run.
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > 180_000) fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    run();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
