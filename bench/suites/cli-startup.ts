import { execFile, spawn } from 'node:child_process';
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
 * How long `dailies --help` and `dailies info` take from the shell to their first output (what
 * the issue's target is about: what a user waits for) and to their exit (what a script waits
 * for), with the bundled CLI (what `npm install -g` and the installer put on PATH), beside
 * `node -e 0` in the same run: the part of the time that is Dailies' own.
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
  const firstOutput = { help: [] as number[], info: [] as number[] };
  const node = (args: string[], firsts?: number[]) => () =>
    firsts ? timeToFirstOutput(args, firsts) : run(process.execPath, args, { cwd: repoRoot });
  context.log(`timing ${RUNS} runs of each, interleaved`);
  const samples = await compareInterleaved(
    {
      bare: node(['-e', '0']),
      help: node([cli, '--help'], firstOutput.help),
      info: node([cli, 'info', '--data-dir', dataDir], firstOutput.info),
    },
    RUNS,
  );
  const bare = median(samples.bare);
  const figure = (name: string, firsts: number[], exits: number[]): Figure => {
    // The warm-up run is left out, as compareInterleaved leaves it out of the exit times.
    const timed = firsts.slice(-RUNS);
    return {
      name,
      value: Math.round(median(timed)),
      unit: 'ms',
      baseline: { command: 'node -e 0, to its exit', value: Math.round(bare) },
      target: { op: '<=', value: 300, of: 'value' },
      note: `to first output, median of ${RUNS} (min ${Math.round(Math.min(...timed))} ms); to exit, median ${Math.round(median(exits))} ms`,
    };
  };
  return [
    figure('dailies --help (bundle), to first output', firstOutput.help, samples.help),
    figure('dailies info (bundle), to first output', firstOutput.info, samples.info),
  ];
}

/** Runs node with `args` to its exit, pushing the time its first output arrived to `firsts`. */
function timeToFirstOutput(args: string[], firsts: number[]): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let first: number | null = null;
    child.stdout.on('data', () => {
      first ??= performance.now() - start;
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || first === null) reject(new Error(`node ${args.join(' ')}: exit ${code}`));
      else {
        firsts.push(first);
        resolve();
      }
    });
  });
}
