import type { CommandSpec } from '../command';

/** What help says about `dailies completion`; loaded without the command (and the engine). */
export const completionSpec: CommandSpec = {
  name: 'completion',
  summary: 'Print shell completion for bash, zsh or fish.',
  usage: 'bash|zsh|fish',
  details:
    'Examples:\n  source <(dailies completion bash)     # in ~/.bashrc\n' +
    '  source <(dailies completion zsh)      # in ~/.zshrc\n' +
    '  dailies completion fish > ~/.config/fish/completions/dailies.fish',
  options: {},
};
