import { z } from 'zod';

/** For commands that take options only: extra words are a usage error that names them. */
export function noArguments(command: string) {
  return z.array(z.string()).max(0, {
    error: (issue) =>
      `"dailies ${command}" takes no arguments, but got: ${(issue.input as string[]).join(' ')}.`,
  });
}
