import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { markedLines, relative, repoRoot } from './lint-fixtures-kit';

const RULE = '@typescript-eslint/no-restricted-imports';

/** file:line of every value import of a slow-loading module, with the real eslint.config.js. */
async function eagerImports(patterns: string[], ignore: boolean): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot, ignore });
  const results = await eslint.lintFiles(patterns);
  expect(results.length).toBeGreaterThan(0);
  const reports: string[] = [];
  for (const result of results) {
    expect(
      result.messages.filter((message) => message.fatal),
      `parse errors in ${result.filePath}`,
    ).toEqual([]);
    for (const message of result.messages) {
      if (message.ruleId === RULE) reports.push(`${relative(result.filePath)}:${message.line}`);
    }
  }
  return reports.sort();
}

describe('the lazy-loading rule (start-up time)', () => {
  it('reports every value import of the SDK, HTTP libraries and keychain outside the loaders', async () => {
    const expected = markedLines('// lazy-load reported');
    expect(expected.length).toBeGreaterThanOrEqual(9);
    expect(await eagerImports(['test/lint-fixtures/src'], false)).toEqual(expected);
  });

  it('reports nothing in the real engine and CLI', async () => {
    expect(await eagerImports(['src/engine', 'src/cli', 'src/shared'], true)).toEqual([]);
  });
});
