import type { Figure } from './figure';

/** What the harness hands a suite. Suites may ignore it. */
export interface SuiteContext {
  /** A fresh folder for fixtures and data dirs, removed after the suite. */
  workDir: string;
  /** Progress for the person watching; not part of the results. */
  log(message: string): void;
}

export type SuiteOutput = Figure[] | { figures: Figure[] };

export type SuiteFn = (context: SuiteContext) => Promise<SuiteOutput>;
