import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dailiesError, errorValueSchema } from '../../src/shared/contract';
import {
  defineCommand,
  loadedCommand,
  type CliCommand,
  type CommandContext,
} from '../../src/cli/command';
import { exitCodes } from '../../src/cli/exit-codes';
import { runCli, type CliDeps } from '../../src/cli/run-cli';
import { LOG_FILE } from '../../src/engine/logging/logger';
import { INTERNAL_MESSAGE } from '../../src/engine/rpc/to-error-value';
import { testEngine } from '../helpers/engine';
import { recordingLogger } from '../helpers/recording-logger';
import { tempDir } from '../helpers/temp-dir';

/** A command that fails with `thrown`, after opening the engine when `useEngine`. */
function failing(thrown: unknown, useEngine = false): CliCommand {
  return defineCommand({
    name: 'boom',
    summary: 'Fails.',
    usage: '',
    options: {},
    input: z.object({ values: z.object({}).loose(), positionals: z.array(z.string()) }),
    async run(_input, context: CommandContext) {
      if (useEngine) await context.api();
      throw thrown;
    },
  }) as CliCommand;
}

function cli(command: CliCommand) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = recordingLogger();
  const dataDir = tempDir('dailies-cli-');
  const deps: CliDeps = {
    commands: [loadedCommand(command)],
    version: '0.0.0-test',
    defaultDataDir: () => dataDir,
    openEngine: (dir) => testEngine({ dataDir: dir }),
    terminal: { isTTY: false, color: false, stream: process.stderr },
    readSecret: () => Promise.resolve(''),
    openLog: () => log.logger,
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    signal: new AbortController().signal,
  };
  return { deps, stdout, stderr, log, dataDir };
}

const secretish = 'connect to /Users/ana/Secret Project failed: token itk-123';

describe('the CLI and a failure it did not foresee', () => {
  it('prints the plain E_INTERNAL message, never the raw error, and logs its stack', async () => {
    const run = cli(failing(new TypeError(secretish)));
    const status = await runCli(['boom'], run.deps);
    expect(status).toBe(exitCodes.failed.status);
    expect(run.stderr).toEqual([`dailies: ${INTERNAL_MESSAGE}`]);
    expect(run.log.errors()).toHaveLength(1);
    const record = run.log.errors()[0]!;
    expect(record).toMatchObject({ message: 'unexpected failure', fields: { context: 'cli' } });
    expect((record.fields!.error as Error).stack).toContain(secretish);
  });

  it('prints the same value as JSON with --json', async () => {
    const run = cli(failing('a thrown string'));
    await runCli(['--json', 'boom'], run.deps);
    expect(run.stderr).toHaveLength(1);
    expect(errorValueSchema.parse(JSON.parse(run.stderr[0]!))).toEqual({
      code: 'E_INTERNAL',
      message: INTERNAL_MESSAGE,
      retryable: false,
    });
    expect(run.stderr[0]).not.toContain('a thrown string');
  });

  it('logs to the open engine’s log when the engine is open', async () => {
    const run = cli(failing(new Error(secretish), true));
    await runCli(['boom', '--data-dir', run.dataDir], run.deps);
    expect(run.stderr).toEqual([`dailies: ${INTERNAL_MESSAGE}`]);
    const log = fs.readFileSync(path.join(run.dataDir, 'logs', LOG_FILE), 'utf8');
    expect(log).toContain('"unexpected failure"');
    expect(log).toContain('"scope":"engine.cli"');
    expect(log).toContain('Secret Project');
    expect(run.log.records).toEqual([]);
  });

  it('prints a DailiesError’s own message and exit status, logging nothing', async () => {
    const run = cli(failing(dailiesError('E_NETWORK', 'The platform is not answering.')));
    expect(await runCli(['boom'], run.deps)).toBe(exitCodes.network.status);
    expect(run.stderr).toEqual(['dailies: The platform is not answering.']);
    expect(run.log.records).toEqual([]);
  });
});
