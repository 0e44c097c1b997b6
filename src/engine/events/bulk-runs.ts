import { randomUUID } from 'node:crypto';
import { dailiesError, type BulkOperation, type DailiesError } from '../../shared/contract';
import { BulkProgressReport } from './bulk-progress';
import type { EventBus } from './event-bus';

/** How a call's first step and the time each step may take are set by the call itself. */
export interface StepBudget {
  first: number;
  budgetMs: number;
}

/**
 * One running whole-batch call: its runId (on every bulk.progress event it sends), its
 * progress, and the signal it checks between steps. A call ends its run in a `finally`: the
 * last event closes the window's strip, and a bulk.cancel afterwards finds nothing to stop.
 */
export class BulkRun {
  readonly runId = randomUUID();
  readonly #controller = new AbortController();
  readonly #report: BulkProgressReport;

  constructor(
    readonly operation: BulkOperation,
    events: EventBus,
    private readonly options: { maxStepItems: number | null; onEnd: (run: BulkRun) => void },
  ) {
    this.#report = new BulkProgressReport((done, total) =>
      events.emit('bulk.progress', { runId: this.runId, operation, done, total }),
    );
  }

  /** Aborts once bulk.cancel asked this call to stop; checked at each step boundary. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get stopRequested(): boolean {
    return this.#controller.signal.aborted;
  }

  /** Whether `error` is this call being stopped (its signal's abort), not a failure of its own. */
  isStop(error: unknown): boolean {
    return this.stopRequested && error === this.#controller.signal.reason;
  }

  step(done: number, total: number | null): void {
    this.#report.step(done, total);
  }

  /**
   * The options of this call's ChunkBudget: its steps sized by time, and never above the
   * engine's cap (tests). (The events layer does not build the budget: time is beside it.)
   */
  steps({ first, budgetMs }: StepBudget): StepBudget & { min?: number; max?: number } {
    const max = this.options.maxStepItems;
    return max === null
      ? { first, budgetMs }
      : { first: Math.min(first, max), budgetMs, min: Math.min(8, max), max };
  }

  /** The error the stopped call answers with; `message` says what it got through. */
  stopped(message: string, done: number, total: number | null): DailiesError {
    return dailiesError('E_CANCELLED', message, {
      details: { runId: this.runId, operation: this.operation, done, total },
    });
  }

  stop(): void {
    this.#controller.abort();
  }

  /** The call is over, however it ended. */
  end(): void {
    this.#report.close();
    this.options.onEnd(this);
  }
}

/** The whole-batch calls running now, so that bulk.cancel can find one by its runId. */
export class BulkRuns {
  readonly #running = new Map<string, BulkRun>();

  constructor(
    private readonly events: EventBus,
    /** At most this many items per step (tests make a call span many steps); null: by time. */
    private readonly maxStepItems: number | null = null,
  ) {}

  start(operation: BulkOperation): BulkRun {
    const run = new BulkRun(operation, this.events, {
      maxStepItems: this.maxStepItems,
      onEnd: (ended) => this.#running.delete(ended.runId),
    });
    this.#running.set(run.runId, run);
    return run;
  }

  /**
   * Asks one call (or, without a runId, every running one) to stop at its next step; how
   * many were asked. A runId that is unknown or already finished asks none: the call ended.
   */
  cancel(runId?: string): number {
    const runs =
      runId === undefined
        ? [...this.#running.values()]
        : [this.#running.get(runId)].flatMap((r) => (r ? [r] : []));
    for (const run of runs) run.stop();
    return runs.length;
  }
}

const count = new Intl.NumberFormat('en');

/** A count as the editor reads it in a stopped call's message: 3,200. */
export function formatCount(value: number): string {
  return count.format(value);
}
