import type { CommandSpec, OptionSpecs } from './command';
import { exitCodes } from './exit-codes';
import { globalOptions } from './global-options';

/** `dailies --help`: the commands, the global options and the exit codes. */
export function mainHelp(commands: readonly CommandSpec[], version: string): string {
  const width = Math.max(...commands.map((command) => command.name.length), 4);
  return [
    `Dailies ${version}: ingest video files for the platform from the command line.`,
    '',
    'Usage: dailies [options] <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${'help'.padEnd(width)}  Show help for a command: dailies help <command>.`,
    '',
    'Options:',
    ...optionLines(globalOptions),
    '',
    exitCodeTable(),
    '',
    'Environment: DAILIES_DATA_DIR (data folder), DAILIES_FFPROBE and DAILIES_FFMPEG (tool paths).',
  ].join('\n');
}

/** `dailies <command> --help`. */
export function commandHelp(command: CommandSpec): string {
  return [
    `Usage: dailies ${command.name} ${command.usage}`.trimEnd(),
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    ...(Object.keys(command.options).length > 0
      ? ['', 'Options:', ...optionLines(command.options)]
      : []),
    '',
    'Global options:',
    ...optionLines(globalOptions),
  ].join('\n');
}

export function exitCodeTable(): string {
  return [
    'Exit codes:',
    ...Object.values(exitCodes).map(
      ({ status, meaning }) => `  ${String(status).padStart(3)}  ${meaning}`,
    ),
  ].join('\n');
}

function optionLines(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    return [`${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, description]) => `  ${left.padEnd(width)}  ${description}`);
}
