import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verdict, withRatio, type Figure } from '../../bench/figure';
import { runBench } from '../../bench/run-bench';
import { tempDir } from '../helpers/temp-dir';

const machine = async () => ({
  cpus: 2,
  cpuModel: 'test',
  memoryGiB: 1,
  platform: 'test',
  node: process.versions.node,
  ffprobe: null,
});

describe('the benchmark harness', () => {
  it('judges a figure against its target on the ratio or the value', () => {
    const base: Figure = {
      name: 'x',
      value: 12,
      unit: 'ms',
      baseline: { command: 'b', value: 10 },
    };
    const ratioTarget = { op: '<=', value: 1.15, of: 'ratio' } as const;
    expect(verdict(withRatio({ ...base, target: ratioTarget }))).toBe('MISS');
    expect(verdict(withRatio({ ...base, value: 11, target: ratioTarget }))).toBe('ok');
    expect(verdict({ ...base, target: { op: '>=', value: 12, of: 'value' } })).toBe('ok');
    expect(verdict(base)).toBeNull();
  });

  it('runs the suites asked for, skips an absent one, and writes its results file', async () => {
    const dir = tempDir('dailies-bench-test-');
    fs.writeFileSync(
      path.join(dir, 'fake.mjs'),
      `export async function runFake(context) {
         if (!context.workDir) throw new Error('no workDir');
         return { figures: [{ name: 'speed', value: 9, unit: 'ms',
           baseline: { command: 'bare', value: 10 }, target: { op: '<=', value: 1.15, of: 'ratio' } }] };
       }`,
    );
    const printed: string[] = [];
    const resultsDir = path.join(dir, 'results');
    const summary = await runBench({
      registry: [
        { name: 'fake', module: './fake', exportName: 'runFake' },
        { name: 'later', module: './not-written-yet', exportName: 'runLater' },
      ],
      names: [],
      registryUrl: pathToFileURL(path.join(dir, 'registry.ts')).href,
      resultsDir,
      machine,
      out: (text) => printed.push(text),
      now: () => new Date('2025-01-02T03:04:05Z'),
    });
    expect(summary).toEqual({ ran: ['fake'], skipped: ['later'], missed: [] });
    expect(printed.join('\n')).toMatch(/^speed\s+9 ms\s+10 ms\s+0\.90\s+ratio <= 1\.15\s+ok$/m);
    expect(printed.join('\n')).toContain('later: skipped');
    const written = JSON.parse(fs.readFileSync(path.join(resultsDir, 'fake.json'), 'utf8'));
    expect(written).toMatchObject({
      suite: 'fake',
      date: '2025-01-02T03:04:05.000Z',
      machine: { cpus: 2 },
      figures: [
        { name: 'speed', ratio: 0.9, baseline: { command: 'bare', value: 10 }, verdict: 'ok' },
      ],
    });
    expect(fs.existsSync(path.join(resultsDir, 'later.json'))).toBe(false);
  });

  it('refuses a suite name it does not know, listing the ones it does', async () => {
    await expect(
      runBench({
        registry: [{ name: 'probe', module: './suites/probe', exportName: 'runProbeBench' }],
        names: ['prbe'],
        registryUrl: import.meta.url,
        resultsDir: tempDir(),
        machine,
        out: () => {},
      }),
    ).rejects.toThrow('Unknown suite prbe. Suites: probe.');
  });
});
