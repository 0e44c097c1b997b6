/**
 * The benchmark suites `npm run bench` knows, in the order it runs them. Each is a module in
 * bench/suites and the name of the function it exports (a SuiteFn). A suite whose file is not
 * there yet is reported and skipped, so this list may name suites still being written.
 * Adding a suite is one line.
 */
export interface SuiteEntry {
  name: string;
  /** Relative to this folder, without extension. */
  module: string;
  exportName: string;
}

export const suites: readonly SuiteEntry[] = [
  { name: 'probe', module: './suites/probe', exportName: 'runProbeBench' },
  { name: 'catalog', module: './suites/catalog', exportName: 'runCatalogBench' },
  { name: 'upload', module: './suites/upload', exportName: 'runUploadBench' },
  { name: 'analysis', module: './suites/analysis', exportName: 'runAnalysisBench' },
  { name: 'stills', module: './suites/stills', exportName: 'runStillsBench' },
  { name: 'scale', module: './suites/scale', exportName: 'runScaleBench' },
  { name: 'job', module: './suites/job', exportName: 'runJobBench' },
  { name: 'spawner', module: './suites/spawner', exportName: 'runSpawnerBench' },
  { name: 'cli-startup', module: './suites/cli-startup', exportName: 'runCliStartupBench' },
  { name: 'ui', module: './suites/ui', exportName: 'runUiBench' },
];
