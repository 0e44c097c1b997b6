import path from 'node:path';
import type { z } from 'zod';
import type { DailiesApi, ErrorValue } from '../shared/contract';
import type { Engine } from '../engine/create-engine';
import type { Logger } from '../engine/logging/logger';
import type { CliCommand, CommandContext, CommandEntry, RawArgs, Terminal } from './command';
import { exitNameFor, exitStatus, type ExitName } from './exit-codes';
import { commandHelp, mainHelp } from './help-text';
import { findCommandName, parseCommandLine, wantsJson } from './parse-command-line';
import { suggest } from './suggest';
import { UsageError } from './usage-error';

export interface CliDeps {
  commands: readonly CommandEntry[];
  version: string;
  /** Where the data folder is when --data-dir is not given. */
  defaultDataDir: () => string;
  /**
   * Builds the engine for a data folder (host "cli"); throws E_LOCKED when it is taken. May
   * load the engine's code first: only commands that use it pay for it.
   */
  openEngine: (dataDir: string, options: { startWork: boolean }) => Engine | Promise<Engine>;
  /**
   * The log of a data folder, for a failure Dailies did not foresee when no engine is open
   * (the open engine's own log is used otherwise). It may throw (an unwritable folder).
   */
  openLog: (dataDir: string) => Logger;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  terminal: Terminal;
  readSecret: (prompt: string) => Promise<string>;
  signal: AbortSignal;
}

/**
 * Runs one command line and returns the process exit status. Never throws. Help and the
 * version need only the command table; a command's module, the contract and the engine are
 * imported when a command runs.
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const json = wantsJson(argv);
  // Opened by the first context.api() call, if any; disposed whatever happens.
  const opened: { engine: Engine | null; dataDir?: string } = { engine: null };
  try {
    const name = findCommandName(argv);
    const entry = name === null || name === 'help' ? null : findCommand(name, deps.commands);
    const { globals, raw } = parseCommandLine(argv, entry, name !== null);

    if (name === 'help') return exitStatus(showHelp(raw.positionals[0], deps));
    if (globals.version && !entry) {
      deps.stdout(json ? JSON.stringify({ version: deps.version }) : `dailies ${deps.version}`);
      return exitStatus('ok');
    }
    if (globals.help) {
      deps.stdout(entry ? commandHelp(entry) : mainHelp(deps.commands, deps.version));
      return exitStatus('ok');
    }
    if (!entry) throw new UsageError('No command given.');

    const command = await entry.load();
    const input = parseInput(command, raw);
    const dataDir = path.resolve(globals.dataDir ?? deps.defaultDataDir());
    opened.dataDir = dataDir;
    let api: DailiesApi | null = null;
    const context: CommandContext = {
      json: globals.json,
      quiet: globals.quiet,
      dataDir,
      async api(options = {}) {
        if (!api) {
          const [engine, { inProcessApi }] = await Promise.all([
            deps.openEngine(dataDir, { startWork: options.startWork ?? false }),
            import('../engine/rpc/in-process-api'),
          ]);
          opened.engine = engine;
          api = inProcessApi(engine);
        }
        return api;
      },
      out: deps.stdout,
      err: deps.stderr,
      terminal: deps.terminal,
      readSecret: deps.readSecret,
      signal: deps.signal,
    };
    return exitStatus(await command.run(input, context));
  } catch (error) {
    return exitStatus(await report(error, json, deps, () => logFor(opened, deps)));
  } finally {
    await opened.engine?.dispose();
  }
}

function findCommand(name: string, commands: readonly CommandEntry[]): CommandEntry {
  const command = commands.find((candidate) => candidate.name === name);
  if (command) return command;
  const names = [...commands.map((candidate) => candidate.name), 'help'];
  const guess = suggest(name, names);
  throw new UsageError(
    guess
      ? `Unknown command "${name}". Did you mean "dailies ${guess}"?`
      : `Unknown command "${name}". The commands are: ${names.join(', ')}.`,
  );
}

function showHelp(topic: string | undefined, deps: CliDeps): ExitName {
  if (topic === undefined) {
    deps.stdout(mainHelp(deps.commands, deps.version));
    return 'ok';
  }
  deps.stdout(commandHelp(findCommand(topic, deps.commands)));
  return 'ok';
}

function parseInput(command: CliCommand, raw: RawArgs): unknown {
  const parsed = command.input.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new UsageError(describeIssues(parsed.error), command.name);
}

/** Zod issues in command-line words: `--limit: ...` for options, the message for arguments. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const [where, name] = issue.path.map(String);
      return where === 'values' && name ? `--${name}: ${issue.message}` : issue.message;
    })
    .join(' ');
}

/**
 * Where an unknown failure is logged: the open engine's log, else the data folder's; when
 * neither can be written, nowhere (the CLI still never prints the raw error).
 */
function logFor(opened: { engine: Engine | null; dataDir?: string }, deps: CliDeps): Logger {
  if (opened.engine) return opened.engine.logger.child('cli');
  try {
    return deps.openLog(opened.dataDir ?? path.resolve(deps.defaultDataDir())).child('cli');
  } catch {
    const nowhere: Logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: () => {},
      child: () => nowhere,
    };
    return nowhere;
  }
}

/**
 * Prints a failure for its reader and picks the exit status. Every failure but a usage error
 * goes through the engine's one mapping (`toErrorValue`): an unknown one is logged with its
 * stack and printed as the plain E_INTERNAL message, never its raw text.
 */
async function report(
  error: unknown,
  json: boolean,
  deps: CliDeps,
  log: () => Logger,
): Promise<ExitName> {
  if (error instanceof UsageError) {
    const hint = error.command
      ? `Run "dailies ${error.command} --help" for its usage.`
      : 'Run "dailies --help" for usage.';
    deps.stderr(
      json
        ? JSON.stringify(errorValue('E_VALIDATION', error.message, { usage: true }))
        : `dailies: ${error.message}\n${hint}`,
    );
    return 'usage';
  }
  const { toErrorValue } = await import('../engine/rpc/to-error-value');
  const value = toErrorValue(error, lazyLogger(log), 'cli');
  deps.stderr(json ? JSON.stringify(value) : `dailies: ${value.message}`);
  return exitNameFor(value.code);
}

function errorValue(
  code: ErrorValue['code'],
  message: string,
  details?: Record<string, unknown>,
): ErrorValue {
  return { code, message, retryable: false, ...(details ? { details } : {}) };
}

/** A logger opened only when something is logged (a DailiesError needs none). */
function lazyLogger(open: () => Logger): Logger {
  let logger: Logger | undefined;
  const get = () => (logger ??= open());
  return {
    debug: (message, fields) => get().debug(message, fields),
    info: (message, fields) => get().info(message, fields),
    warn: (message, fields) => get().warn(message, fields),
    error: (message, fields) => get().error(message, fields),
    child: (scope) => get().child(scope),
  };
}
