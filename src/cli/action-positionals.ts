import { z } from 'zod';

/** "a, b or c": how a usage error lists the choices. */
function listChoices(words: readonly string[]): string {
  return words.length < 2
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * The positionals of a command whose first word is an action (`dailies queue pause ...`):
 * at least one word, and the first one of `actions`, each refusal naming the choices.
 */
export function actionPositionals(noun: string, actions: readonly string[]) {
  return (
    z
      .array(z.string())
      .min(1, `Say what to do: dailies ${noun} ${actions.join('|')}.`)
      // An empty list is the minimum's refusal alone.
      .refine((words) => words.length === 0 || actions.includes(words[0]!), {
        error: (issue) =>
          `"${(issue.input as string[])[0]}" is not a ${noun} action: use ${listChoices(actions)}.`,
      })
  );
}
