import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { engineToolPath } from './engine-tool';
import { machineInfo } from './machine-info';
import { suites } from './registry';
import { runBench } from './run-bench';

/**
 * `npm run bench [suite...] [--strict]`: runs the benchmark suites (all present ones by
 * default), prints a table per suite and writes bench-results/<suite>.json. Never part of
 * `npm test`: timings on a shared machine are for reading, not for asserting. --strict exits
 * 1 when a figure misses its target.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  options: { strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});

if (values.help) {
  console.log(
    `Usage: npm run bench -- [suite...] [--strict]\nSuites: ${suites.map((s) => s.name).join(', ')}`,
  );
} else {
  try {
    const summary = await runBench({
      registry: suites,
      names: positionals,
      registryUrl: new URL('./registry.ts', import.meta.url).href,
      resultsDir: path.join(repoRoot, 'bench-results'),
      machine: async () => machineInfo(await engineToolPath('ffprobe')),
      out: (text) => console.log(text),
    });
    console.log(
      `\nran: ${summary.ran.join(', ') || 'none'}` +
        (summary.skipped.length > 0 ? `; skipped: ${summary.skipped.join(', ')}` : '') +
        (summary.missed.length > 0
          ? `; MISSED: ${summary.missed.join(', ')}`
          : '; all targets met'),
    );
    if (values.strict && summary.missed.length > 0) process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
