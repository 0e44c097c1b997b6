import type { z } from 'zod';
import type { DailiesApi } from '../shared/contract';
import type { ExitName } from './exit-codes';

/** One option as the command line spells it, with what help says about it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The placeholder help shows for a string option's value, e.g. DIR. */
  valueName?: string;
  description: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What node:util parseArgs produced for a command, before the command's schema checks it. */
export interface RawArgs {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  /** The arguments after the command's name. */
  positionals: string[];
}

/** Where progress goes, and how it may look. */
export interface Terminal {
  /** stderr is a terminal: live bars; otherwise plain lines. */
  readonly isTTY: boolean;
  /** Colours allowed (a terminal, and NO_COLOR not set). */
  readonly color: boolean;
  /** The stream bars are drawn on (stderr), so stdout stays the command's result. */
  readonly stream: NodeJS.WritableStream;
}

export interface ApiOptions {
  /**
   * Start queued work (the job queue, holds, watch folders) when the engine opens. Commands
   * that only read or edit leave it off, so `dailies ls` never sends anything.
   */
  startWork?: boolean;
}

/** What a command may use. It reaches the engine only through the contract's API. */
export interface CommandContext {
  /** --json: print machine-readable results. */
  readonly json: boolean;
  /** --quiet: no progress, only results and errors. */
  readonly quiet: boolean;
  readonly dataDir: string;
  /**
   * The engine's API over engine.dispatch, opened on first use (the first call's options
   * decide) and disposed after the run.
   */
  api(options?: ApiOptions): Promise<DailiesApi>;
  /** Writes a line to stdout. */
  out(text: string): void;
  /** Writes a line to stderr. */
  err(text: string): void;
  readonly terminal: Terminal;
  /** Reads a secret: from a prompt with no echo on a terminal, else one line of stdin. */
  readSecret(prompt: string): Promise<string>;
  /** Aborted on Ctrl+C; long commands pass it on and stop cleanly. */
  readonly signal: AbortSignal;
}

/**
 * What help, completion and the parser need to know of a command: no schema and no engine,
 * so `dailies --help` loads none of them.
 */
export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What follows the name in the usage line, e.g. "[--json]" or "<folder>...". */
  usage: string;
  /** More help text for `dailies <command> --help`. */
  details?: string;
  options: OptionSpecs;
}

/**
 * A runnable command. The runner parses options from `options`, validates
 * `{ values, positionals }` with `input` (a zod schema, so the checks and the type are one),
 * then calls `run` with the parsed input.
 */
export interface CliCommand<I = unknown> extends CommandSpec {
  input: z.ZodType<I>;
  run(input: I, context: CommandContext): Promise<ExitName>;
}

/**
 * One entry of the command table: the spec, and the command's module loaded only when it
 * runs (a chunk of its own in the bundle). A later command is a spec file, a command file and
 * one line in commands/index.ts; the parser does not change.
 */
export interface CommandEntry extends CommandSpec {
  load(): Promise<CliCommand>;
}

export function defineCommand<I>(command: CliCommand<I>): CliCommand<I> {
  return command;
}

/** The table entry of a command already loaded (tests, and commands built from others). */
export function loadedCommand(command: CliCommand): CommandEntry {
  return { ...command, load: () => Promise.resolve(command) };
}
