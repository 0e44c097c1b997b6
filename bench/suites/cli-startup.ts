import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { compareInterleaved, median } from '../timing';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const RUNS = 7;

/**
 * How long `dailies --help` and `dailies info` take from the shell to their exit, with the
 * bundled CLI (what `npm install -g` and the installer put on PATH), beside `node -e 0` in
 * the same run: the part of the time that is Dailies' own.
 */
export async function runCliStartupBench(context: SuiteContext): Promise<Figure[]> {
  // Built under the repository's out/ (not the work folder), so the bundle resolves the
  // native packages from node_modules exactly as the installed one does.
  fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
  const outDir = fs.mkdtempSync(path.join(repoRoot, 'out', '.bench-cli-startup-'));
  try {
    return await timeBundle(context, outDir);
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

async function timeBundle(context: SuiteContext, outDir: string): Promise<Figure[]> {
  context.log('building the CLI bundle');
  await run(process.execPath, ['scripts/build-node.mjs', '--outdir', outDir], { cwd: repoRoot });
  const cli = path.join(outDir, 'cli', 'dailies.mjs');
  const dataDir = path.join(context.workDir, 'data');
  const node = (args: string[]) => () => run(process.execPath, args, { cwd: repoRoot });
  context.log(`timing ${RUNS} runs of each, interleaved`);
  const samples = await compareInterleaved(
    {
      bare: node(['-e', '0']),
      help: node([cli, '--help']),
      info: node([cli, 'info', '--data-dir', dataDir]),
    },
    RUNS,
  );
  const bare = median(samples.bare);
  const figure = (name: string, values: number[]): Figure => ({
    name,
    value: Math.round(median(values)),
    unit: 'ms',
    baseline: { command: 'node -e 0', value: Math.round(bare) },
    target: { op: '<=', value: 300, of: 'value' },
    note: `median of ${RUNS}; min ${Math.round(Math.min(...values))} ms`,
  });
  return [
    figure('dailies --help (bundle)', samples.help),
    figure('dailies info (bundle)', samples.info),
  ];
}
