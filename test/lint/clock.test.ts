import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { markedLines, relative, repoRoot } from './lint-fixtures-kit';

const RULE = 'dailies/clock';

/** file:line of every `dailies/clock` report, linted with the project's real eslint.config.js. */
async function clockReports(patterns: string[], ignore: boolean): Promise<string[]> {
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

describe('the clock rule', () => {
  it('reports every read of the system clock in the engine, and none in time/ or a host', async () => {
    const expected = markedLines('// clock reported');
    expect(expected.length).toBeGreaterThanOrEqual(7);
    // A line with two reads (Date.now and Math.random handed on) is reported twice.
    expect(await clockReports(['test/lint-fixtures'], false)).toEqual(
      [...expected, 'test/lint-fixtures/src/engine/ingest/reads-the-clock.ts:10'].sort(),
    );
  });

  it('reports nothing in the real engine', async () => {
    // The rule looks only at src/engine; linting the rest too would only cost time.
    expect(await clockReports(['src/engine'], true)).toEqual([]);
  });
});
