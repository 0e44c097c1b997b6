import { describe, expect, it } from 'vitest';
import { profileCommand } from '../../src/cli/commands/profile';
import { queueCommand } from '../../src/cli/commands/queue';

function refusal(command: typeof queueCommand | typeof profileCommand, words: string[]) {
  const parsed = command.input.safeParse({ positionals: words, values: {} });
  return parsed.success ? null : parsed.error.issues.map((issue) => issue.message);
}

describe('a command whose first word is an action', () => {
  it('asks for an action when none is given, listing them', () => {
    expect(refusal(queueCommand, [])).toEqual([
      'Say what to do: dailies queue pause|resume|retry|cancel.',
    ]);
    expect(refusal(profileCommand, [])).toEqual([
      'Say what to do: dailies profile add|list|use|test|remove|set-secret.',
    ]);
  });

  it('names the unknown word and the actions it could have been', () => {
    expect(refusal(queueCommand, ['stop'])).toEqual([
      '"stop" is not a queue action: use pause, resume, retry or cancel.',
    ]);
    expect(refusal(profileCommand, ['delete', 'x'])).toEqual([
      '"delete" is not a profile action: use add, list, use, test, remove or set-secret.',
    ]);
  });

  it('accepts a known action with its arguments', () => {
    expect(refusal(queueCommand, ['retry', '#12'])).toBeNull();
    expect(refusal(profileCommand, ['use', 'night'])).toBeNull();
  });
});
