import { z } from 'zod';
import type { CommandSpec } from '../command';
import { defineCommand } from '../command';
import { globalOptions } from '../global-options';
import { completionSpec } from './completion-spec';

const shells = ['bash', 'zsh', 'fish'] as const;

/** The completion script of a shell, from the command table (so it never falls behind). */
export function completionScript(
  shell: (typeof shells)[number],
  commands: readonly CommandSpec[],
): string {
  const names = [...commands.map((command) => command.name), 'help'];
  const optionsOf = (command: CommandSpec) =>
    [...Object.keys(command.options), ...Object.keys(globalOptions)].map((name) => `--${name}`);
  switch (shell) {
    case 'bash':
      return [
        '# dailies: bash completion. Load with: source <(dailies completion bash)',
        '_dailies() {',
        '  local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]}',
        '  if [ "$COMP_CWORD" -eq 1 ]; then',
        `    COMPREPLY=($(compgen -W "${names.join(' ')}" -- "$cur")); return`,
        '  fi',
        '  case "$cmd" in',
        ...commands.map(
          (command) => `    ${command.name}) opts="${optionsOf(command).join(' ')}";;`,
        ),
        '    *) opts="";;',
        '  esac',
        '  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur"));',
        '  else COMPREPLY=($(compgen -f -- "$cur")); fi',
        '}',
        'complete -o filenames -F _dailies dailies',
      ].join('\n');
    case 'zsh':
      return [
        '#compdef dailies',
        '# dailies: zsh completion. Load with: source <(dailies completion zsh)',
        '_dailies() {',
        '  if (( CURRENT == 2 )); then',
        `    compadd -- ${names.join(' ')}`,
        '    return',
        '  fi',
        '  case $words[2] in',
        ...commands.map(
          (command) => `    ${command.name}) compadd -- ${optionsOf(command).join(' ')}; _files;;`,
        ),
        '    *) _files;;',
        '  esac',
        '}',
        'compdef _dailies dailies',
      ].join('\n');
    case 'fish':
      return [
        '# dailies: fish completion. Load with: dailies completion fish | source',
        ...commands.map(
          (command) =>
            `complete -c dailies -n __fish_use_subcommand -a ${command.name} -d ${JSON.stringify(command.summary)}`,
        ),
        ...commands.flatMap((command) =>
          Object.keys(command.options).map(
            (name) =>
              `complete -c dailies -n "__fish_seen_subcommand_from ${command.name}" -l ${name}`,
          ),
        ),
        ...Object.keys(globalOptions).map((name) => `complete -c dailies -l ${name}`),
      ].join('\n');
  }
}

/** Built with the table it completes, which imports this command: given lazily. */
export function completionCommand(table: () => readonly CommandSpec[]) {
  return defineCommand({
    ...completionSpec,
    input: z.object({
      positionals: z.tuple([z.enum(shells, { error: 'Name the shell: bash, zsh or fish.' })], {
        error: 'Name one shell: bash, zsh or fish.',
      }),
    }),
    async run({ positionals }, context) {
      context.out(completionScript(positionals[0], table()));
      return 'ok';
    },
  });
}
