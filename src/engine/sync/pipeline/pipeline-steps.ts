import type { SyncStep } from '../../../shared/contract';
import { syncSteps } from '../../../shared/contract/sync';
import type {
  SyncStateRow,
  SyncStateUpdate,
} from '../../catalog/repositories/sync-state-repository';

/** Every step of the contract's `syncSteps` but 'pending' (nothing done yet) is one to run. */
export type PipelineStepKind = Exclude<SyncStep, 'pending'>;

/** One row of the table: the step, and the rough share of the job done once it finishes. */
export type PipelineStep = {
  [K in PipelineStepKind]: { kind: K; percent: number };
}[PipelineStepKind];

/** The pipeline, in the order it runs; the runner starts at the first unfinished step. */
export const pipelineSteps = [
  { kind: 'content', percent: 5 },
  { kind: 'video', percent: 85 },
  { kind: 'thumbnail', percent: 90 },
  { kind: 'metadata', percent: 95 },
  { kind: 'registered', percent: 99 },
  { kind: 'synced', percent: 100 },
] as const satisfies readonly PipelineStep[];

// The compiler holds the table to the contract's order: a step added to `syncSteps` (which
// the catalog stores and a restart resumes after) must get its row here, in its place.
type KindsOf<T extends readonly PipelineStep[]> = { -readonly [I in keyof T]: T[I]['kind'] };
type AfterPending<T> = T extends readonly ['pending', ...infer Rest] ? Rest : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const tableFollowsContract: Same<
  KindsOf<typeof pipelineSteps>,
  AfterPending<typeof syncSteps>
> = true;

/** What a finished step leaves for the runner to record. */
export type StepOutcome =
  /** The runner writes these fields with the step, then reports it (event and job progress). */
  | { kind: 'fields'; fields: SyncStateUpdate; activity: string }
  /** The step wrote its row itself, in one transaction with the catalog's side of it. */
  | { kind: 'recorded'; state: SyncStateRow };

const order = (step: SyncStep) => syncSteps.indexOf(step);

/**
 * Whether the recorded state is past `kind`. 'synced' never is: the last step always runs,
 * since it settles synced or dirty against the catalog as it is now.
 */
export function finished(state: SyncStateRow, kind: PipelineStepKind): boolean {
  return kind !== 'synced' && order(state.step as SyncStep) >= order(kind);
}

export function percentOf(kind: PipelineStepKind): number {
  return pipelineSteps.find((step) => step.kind === kind)!.percent;
}
