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

/** What a command may use. It reaches the engine only through the contract's API. */
export interface CommandContext {
  /** --json: print machine-readable results. */
  readonly json: boolean;
  readonly dataDir: string;
  /** The engine's API over engine.dispatch, opened on first use and disposed after the run. */
  api(): Promise<DailiesApi>;
  /** Writes a line to stdout. */
  out(text: string): void;
  /** Writes a line to stderr. */
  err(text: string): void;
  /** Aborted on Ctrl+C; long commands pass it on and stop cleanly. */
  readonly signal: AbortSignal;
}

/**
 * One entry of the command table. The runner parses options from `options`, validates
 * `{ values, positionals }` with `input` (a zod schema, so the checks and the type are one),
 * then calls `run` with the parsed input. A later command is one new file and one line in
 * commands/index.ts; the parser does not change.
 */
export interface CliCommand<I = unknown> {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** What follows the name in the usage line, e.g. "[--json]" or "<folder>...". */
  usage: string;
  /** More help text for `dailies <command> --help`. */
  details?: string;
  options: OptionSpecs;
  input: z.ZodType<I>;
  run(input: I, context: CommandContext): Promise<ExitName>;
}

export function defineCommand<I>(command: CliCommand<I>): CliCommand<I> {
  return command;
}
