import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { expect } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = path.join(repoRoot, 'test/lint-fixtures');

/** A path relative to the repository, with forward slashes, as the reports are compared. */
export function relative(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join('/');
}

/** The fixture lines that end in `marker` (`// reported`, `// clock reported`), as file:line. */
export function markedLines(marker: string): string[] {
  const ending = new RegExp(`${marker.replace(/[/]/g, '\\/')}\\s*$`);
  const marked: string[] = [];
  for (const entry of fs.readdirSync(fixtures, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(fixtures, entry);
    if (!/\.(ts|tsx|js)$/.test(file) || !fs.statSync(file).isFile()) continue;
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (ending.test(line)) marked.push(`${relative(file)}:${index + 1}`);
      });
  }
  return marked.sort();
}

/**
 * file:line of every report of `rule` in the files matching `patterns`, linted with the
 * project's real eslint.config.js (`ignore: false` lints the fixtures it otherwise skips).
 */
export async function ruleReports(
  rule: string,
  patterns: string[],
  ignore: boolean,
): Promise<string[]> {
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
      if (message.ruleId === rule) reports.push(`${relative(result.filePath)}:${message.line}`);
    }
  }
  return reports.sort();
}
