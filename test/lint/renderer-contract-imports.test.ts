import { describe, expect, it } from 'vitest';
import { markedLines, ruleReports } from './lint-fixtures-kit';

const RULE = '@typescript-eslint/no-restricted-imports';

describe("the renderer's contract-import rule (first paint)", () => {
  it('reports value imports of the index, api.ts and the method maps, and nothing else', async () => {
    const expected = markedLines('// contract-import reported');
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(await ruleReports(RULE, ['test/lint-fixtures/src/renderer'], false)).toEqual(expected);
  });

  it('reports nothing in the real renderer', async () => {
    expect(await ruleReports(RULE, ['src/renderer'], true)).toEqual([]);
  });
});
