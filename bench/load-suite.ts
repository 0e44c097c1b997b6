import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SuiteEntry } from './registry';
import type { SuiteFn } from './suite';

export type LoadedSuite = { kind: 'ready'; run: SuiteFn } | { kind: 'absent'; reason: string };

/**
 * Imports a suite's module by path (not a static import, so the registry may name a suite
 * whose file does not exist yet) and checks that it exports the named function.
 */
export async function loadSuite(entry: SuiteEntry, baseUrl: string): Promise<LoadedSuite> {
  const candidates = ['.ts', '.mts', '.js', '.mjs'].map((ext) =>
    fileURLToPath(new URL(`${entry.module}${ext}`, baseUrl)),
  );
  const file = candidates.find((candidate) => fs.existsSync(candidate));
  if (!file) return { kind: 'absent', reason: `${entry.module}.ts is not there` };
  const loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const run = loaded[entry.exportName];
  if (typeof run !== 'function') {
    return { kind: 'absent', reason: `${entry.module} does not export ${entry.exportName}()` };
  }
  return { kind: 'ready', run: run as SuiteFn };
}
