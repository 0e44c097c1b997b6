import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = path.join(repoRoot, 'test/lint-fixtures');
const RULE = 'dailies/clock';

function relative(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join('/');
}

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

/** Lines ending in `// clock reported`, as file:line. */
function markedLines(): string[] {
  const marked: string[] = [];
  for (const entry of fs.readdirSync(fixtures, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(fixtures, entry);
    if (!/\.(ts|tsx|js)$/.test(file) || !fs.statSync(file).isFile()) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (/\/\/ clock reported\s*$/.test(line)) marked.push(`${relative(file)}:${index + 1}`);
      });
  }
  return marked.sort();
}

describe('the clock rule', () => {
  it('reports every read of the system clock in the engine, and none in time/ or a host', async () => {
    const expected = markedLines();
    expect(expected.length).toBeGreaterThanOrEqual(7);
    // A line with two reads (Date.now and Math.random handed on) is reported twice.
    expect(await clockReports(['test/lint-fixtures'], false)).toEqual(
      [...expected, 'test/lint-fixtures/src/engine/ingest/reads-the-clock.ts:10'].sort(),
    );
  });

  it('reports nothing in the real source tree', async () => {
    expect(await clockReports(['src'], true)).toEqual([]);
  });
});
