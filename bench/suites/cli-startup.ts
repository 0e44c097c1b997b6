import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { z } from 'zod';
import { median } from '../timing';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const RUNS = 7;

const launchTimes = z.object({ firstOutput: z.array(z.number()), exit: z.array(z.number()) });
type LaunchSamples = z.infer<typeof launchTimes>;
const launchSamplesSchema = z.object({ bare: launchTimes, help: launchTimes, info: launchTimes });

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
  context.log(`timing ${RUNS} runs of each, interleaved, from a small process of their own`);
  const { stdout } = await run(
    process.execPath,
    [
      path.join(repoRoot, 'bench', 'launch-timer.mjs'),
      String(RUNS),
      JSON.stringify({
        bare: [process.execPath, '-e', 'console.log()'],
        help: [process.execPath, cli, '--help'],
        info: [process.execPath, cli, 'info', '--data-dir', dataDir],
      }),
    ],
    { cwd: repoRoot },
  );
  const samples = launchSamplesSchema.parse(JSON.parse(stdout));
  const bare = median(samples.bare.exit);
  const figure = (name: string, timed: LaunchSamples): Figure => ({
    name,
    value: Math.round(median(timed.firstOutput)),
    unit: 'ms',
    baseline: { command: 'node -e "console.log()"', value: Math.round(bare) },
    target: { op: '<=', value: 300, of: 'value' },
    note: `to first output, median of ${RUNS} (min ${Math.round(Math.min(...timed.firstOutput))} ms); to exit, median ${Math.round(median(timed.exit))} ms`,
  });
  return [
    figure('dailies --help (bundle), to first output', samples.help),
    figure('dailies info (bundle), to first output', samples.info),
  ];
}
