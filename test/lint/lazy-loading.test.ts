import { describe, expect, it } from 'vitest';
import { markedLines, ruleReports } from './lint-fixtures-kit';

const RULE = '@typescript-eslint/no-restricted-imports';

describe('the lazy-loading rule (start-up time)', () => {
  it('reports every value import of the SDK, HTTP libraries and keychain outside the loaders', async () => {
    const expected = markedLines('// lazy-load reported');
    expect(expected.length).toBeGreaterThanOrEqual(9);
    // The same rule carries the renderer's contract-import pattern (renderer-contract-imports.test.ts).
    const renderer = markedLines('// contract-import reported');
    expect(await ruleReports(RULE, ['test/lint-fixtures/src'], false)).toEqual(
      [...expected, ...renderer].sort(),
    );
  });

  it('reports nothing in the real engine and CLI', async () => {
    expect(await ruleReports(RULE, ['src/engine', 'src/cli', 'src/shared'], true)).toEqual([]);
  });
});
