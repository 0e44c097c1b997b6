import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandSpec, OptionSpecs, RawArgs } from './command';
import { globalOptions } from './global-options';
import { UsageError } from './usage-error';

export interface GlobalValues {
  dataDir: string | undefined;
  json: boolean;
  quiet: boolean;
  help: boolean;
  version: boolean;
}

/**
 * The command's name: the first argument that is not an option or a global option's value.
 * Parsed loosely, since the command's own options are not known until its name is.
 */
export function findCommandName(argv: readonly string[]): string | null {
  const { tokens } = parseArgs({
    args: [...argv],
    options: toParseArgs(globalOptions),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const first = tokens.find((token) => token.kind === 'positional');
  return first?.kind === 'positional' ? first.value : null;
}

/** `--json` as early as possible, so that even a usage error can answer in JSON. */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/**
 * Parses the whole command line strictly, with the global options and the command's own.
 * `named` says whether the first positional is a command name (dropped from the arguments).
 */
export function parseCommandLine(
  argv: readonly string[],
  command: CommandSpec | null,
  named: boolean,
): { globals: GlobalValues; raw: RawArgs } {
  const options = { ...globalOptions, ...command?.options };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: toParseArgs(options),
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error, command), command?.name ?? null);
  }
  const { 'data-dir': dataDir, json, quiet, help, version, ...values } = parsed.values;
  if (dataDir !== undefined && (typeof dataDir !== 'string' || dataDir.trim() === '')) {
    throw new UsageError('--data-dir needs a folder path.', command?.name ?? null);
  }
  return {
    globals: {
      dataDir: typeof dataDir === 'string' ? dataDir : undefined,
      json: json === true,
      quiet: quiet === true,
      help: help === true,
      version: version === true,
    },
    raw: { values, positionals: parsed.positionals.slice(named ? 1 : 0) },
  };
}

function toParseArgs(specs: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  return options;
}

/** node:util's messages are written for developers; say the same thing for an editor. */
function describeParseError(error: unknown, command: CommandSpec | null): string {
  const where = command ? `"dailies ${command.name}"` : 'dailies';
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${option ?? ''} for ${where}.`.replace('  ', ' ');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (option && /argument missing/.test(message)) return `${option} needs a value.`;
      if (option && /does not take an argument/.test(message)) return `${option} takes no value.`;
      return message;
    default:
      return message;
  }
}
