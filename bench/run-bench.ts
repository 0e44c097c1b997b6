import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suiteOutputSchema, verdict, withRatio, type Figure } from './figure';
import { formatTable } from './format-table';
import { loadSuite } from './load-suite';
import type { MachineInfo } from './machine-info';
import type { SuiteEntry } from './registry';

export interface BenchOptions {
  registry: readonly SuiteEntry[];
  /** Suite names to run; empty means every suite that is present. */
  names: readonly string[];
  /** Where the registry's module paths are relative to. */
  registryUrl: string;
  resultsDir: string;
  machine: () => Promise<MachineInfo>;
  out: (text: string) => void;
  now?: () => Date;
}

export interface BenchSummary {
  ran: string[];
  skipped: string[];
  missed: string[];
}

/** Runs suites one after another, prints each table and writes bench-results/<suite>.json. */
export async function runBench(options: BenchOptions): Promise<BenchSummary> {
  const now = options.now ?? (() => new Date());
  const unknown = options.names.filter((name) => !options.registry.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown suite ${unknown.join(', ')}. Suites: ${options.registry.map((s) => s.name).join(', ')}.`,
    );
  }
  const chosen = options.registry.filter(
    (entry) => options.names.length === 0 || options.names.includes(entry.name),
  );
  const summary: BenchSummary = { ran: [], skipped: [], missed: [] };
  const machine = await options.machine();
  for (const entry of chosen) {
    const loaded = await loadSuite(entry, options.registryUrl);
    if (loaded.kind === 'absent') {
      options.out(`== ${entry.name}: skipped (${loaded.reason})`);
      summary.skipped.push(entry.name);
      continue;
    }
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `dailies-bench-${entry.name}-`));
    const startedAt = now();
    let figures: Figure[];
    try {
      const output = suiteOutputSchema.parse(
        await loaded.run({
          workDir,
          log: (message) => options.out(`   ${entry.name}: ${message}`),
        }),
      );
      figures = (Array.isArray(output) ? output : output.figures).map(withRatio);
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
    options.out(formatTable(entry.name, figures));
    const results = figures.map((figure) => ({ ...figure, verdict: verdict(figure) }));
    fs.mkdirSync(options.resultsDir, { recursive: true });
    fs.writeFileSync(
      path.join(options.resultsDir, `${entry.name}.json`),
      `${JSON.stringify(
        { suite: entry.name, date: startedAt.toISOString(), machine, figures: results },
        null,
        2,
      )}\n`,
    );
    summary.ran.push(entry.name);
    for (const figure of results) {
      if (figure.verdict === 'MISS') summary.missed.push(`${entry.name}/${figure.name}`);
    }
  }
  return summary;
}
