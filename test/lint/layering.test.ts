import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { enginePartOf, layerOf, targetLayer } from '../../eslint-rules/layering.js';
import { markedLines, relative, repoRoot } from './lint-fixtures-kit';

const RULE = 'dailies/layering';

interface Report {
  at: string;
  from: string;
  to: string;
}

/** Lints with the project's real eslint.config.js; fixtures are ignored there, hence ignore: false. */
async function layeringReports(patterns: string[], ignore: boolean): Promise<Report[]> {
  const eslint = new ESLint({ cwd: repoRoot, ignore });
  const results = await eslint.lintFiles(patterns);
  expect(results.length).toBeGreaterThan(0);
  const reports: Report[] = [];
  for (const result of results) {
    const fatal = result.messages.filter((message) => message.fatal);
    expect(fatal, `parse errors in ${result.filePath}`).toEqual([]);
    for (const message of result.messages) {
      if (message.ruleId !== RULE) continue;
      const [, from = '?', to = '?'] =
        /^([\w/()-]+) may not import ([\w/()-]+)/.exec(message.message) ?? [];
      reports.push({ at: `${relative(result.filePath)}:${message.line}`, from, to });
    }
  }
  return reports;
}

describe('the layering rule', () => {
  it('reports exactly the fixture lines that break the layering, and no allowed import', async () => {
    const reported = (await layeringReports(['test/lint-fixtures'], false)).map((r) => r.at);
    const expected = markedLines('// reported');
    expect(expected.length).toBeGreaterThan(40);
    expect(reported.sort()).toEqual(expected);
  });

  it('fires for every forbidden direction the architecture names', async () => {
    const seen = new Set(
      (await layeringReports(['test/lint-fixtures'], false)).map((r) => `${r.from}->${r.to}`),
    );
    const forbidden = [
      // electron outside main and preload
      ...['shared', 'engine', 'web', 'cli', 'renderer'].map((from) => `${from}->electron`),
      // shared imports nothing of ours
      'shared->engine',
      'shared->renderer',
      'shared->cli',
      // the engine imports no host and no view
      ...['main', 'web', 'cli', 'renderer', 'preload'].map((to) => `engine->${to}`),
      // the hosts do not import each other
      'main->web',
      'main->cli',
      'web->main',
      'web->cli',
      'cli->main',
      'cli->web',
      // renderer and preload see only shared
      ...['engine', 'main', 'web', 'cli', 'preload'].map((to) => `renderer->${to}`),
      ...['engine', 'main', 'web', 'renderer'].map((to) => `preload->${to}`),
      // inside the engine: nothing up, nothing sideways
      'engine/time->engine/sync',
      'engine/time->engine/logging',
      'engine/storage->engine/platform',
      'engine/storage->engine/sync',
      'engine/sync->engine/profiles',
      'engine/sync->engine/compose',
      'engine/sync->engine/(root)',
    ];
    expect(forbidden.filter((direction) => !seen.has(direction))).toEqual([]);
  });

  it('reports nothing in the real source tree', async () => {
    expect(await layeringReports(['src'], true)).toEqual([]);
  });

  it('reads layers from Windows paths and ignores a checkout that itself sits under src/', () => {
    const winRoot = 'C:\\work\\dailies';
    const winFile = 'C:\\work\\dailies\\src\\renderer\\views\\Library.tsx';
    expect(layerOf(winFile, winRoot)).toBe('renderer');
    expect(targetLayer('..\\..\\engine\\catalog', winFile, winRoot)).toBe('engine');
    expect(targetLayer('../../shared/contract', winFile, winRoot)).toBe('shared');
    expect(targetLayer('c:\\work\\dailies\\src\\main\\window', winFile, winRoot)).toBe('main');

    const nestedRoot = '/home/editor/src/engine/dailies';
    const cliFile = `${nestedRoot}/src/cli/main.ts`;
    expect(layerOf(cliFile, nestedRoot)).toBe('cli');
    expect(targetLayer('../main/window', cliFile, nestedRoot)).toBe('main');
    expect(layerOf(`${nestedRoot}/scripts/build.ts`, nestedRoot)).toBeNull();
    expect(targetLayer('node:fs', cliFile, nestedRoot)).toBeNull();
    expect(targetLayer('electron/main', cliFile, nestedRoot)).toBe('electron');

    const engineFile = 'C:\\work\\dailies\\src\\engine\\sync\\sync-asset.ts';
    expect(enginePartOf(engineFile, winRoot)).toBe('sync');
    expect(enginePartOf('C:\\work\\dailies\\src\\engine\\create-engine.ts', winRoot)).toBe(
      '(root)',
    );
    expect(enginePartOf(`${nestedRoot}/src/engine/time/clock.ts`, nestedRoot)).toBe('time');
    expect(enginePartOf(`${nestedRoot}/src/cli/main.ts`, nestedRoot)).toBeNull();
  });
});
