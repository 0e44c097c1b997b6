import {
  dailiesError,
  jobKinds,
  type DailiesError,
  type Job,
  type JobKind,
  type JobSpec,
} from '../../shared/contract';
import type { JobContext, JobRunner } from './job-runner';

/** The spec of one kind of job. */
export type SpecOf<K extends JobKind> = Extract<JobSpec, { kind: K }>;

/** What a giving-up job becomes: failed, or parked (state paused) with that error stored. */
export type GiveUpOutcome = 'fail' | { hold: DailiesError };

/** What a domain gives the queue for its kind of job (`queue.register(kind, ...)`). */
export interface JobKindRegistration<K extends JobKind> {
  runner: JobRunner<SpecOf<K>>;
  /** Workers of this kind; read at every scheduling step, so a settings change applies at once. */
  concurrency: () => number;
  /**
   * Whether a queued job may start now, given the specs of the jobs running (of every kind)
   * and of the queued ones refused before it in this pass, in queue order. A job refused is
   * skipped for the next one in order (it does not block its kind): sync admits a job while
   * its own profile's sends leave room, and not past a send of that profile refused before.
   */
  admit?: (spec: SpecOf<K>, running: readonly JobSpec[], refused: readonly JobSpec[]) => boolean;
  /**
   * Asked when a job gives up: `{ hold }` parks it instead of failing it, for what clears for
   * many jobs at once (a wrong token, the network). The hook may hold other jobs too, but
   * must not wait for the job it is asked about.
   */
  onGiveUp?: (jobId: number, spec: SpecOf<K>, error: DailiesError) => GiveUpOutcome;
  /** Every change of a job of this kind (state, priority), before hosts hear of it. */
  onChange?: (job: Job) => void;
}

/** See JobKindRegistration.admit. */
export type Admit = (
  spec: JobSpec,
  running: readonly JobSpec[],
  refused: readonly JobSpec[],
) => boolean;

/** A registration with its kind checked once, so the queue's parts need no switch on kinds. */
interface Registered {
  run: (spec: JobSpec, context: JobContext) => Promise<void>;
  concurrency: () => number;
  admit: Admit | null;
  onGiveUp: (jobId: number, spec: JobSpec, error: DailiesError) => GiveUpOutcome;
  onChange: (job: Job) => void;
}

function ofKind<K extends JobKind>(spec: JobSpec, kind: K): spec is SpecOf<K> {
  return spec.kind === kind;
}

/** The kinds the queue runs, each with its runner and hooks, in the order of `jobKinds`. */
export class JobKinds {
  readonly #byKind = new Map<JobKind, Registered>();

  register<K extends JobKind>(kind: K, registration: JobKindRegistration<K>): void {
    if (this.#byKind.has(kind)) throw new Error(`The ${kind} job already has a runner.`);
    const { runner, admit, onGiveUp, onChange } = registration;
    this.#byKind.set(kind, {
      run: (spec, context) =>
        ofKind(spec, kind)
          ? runner(spec, context)
          : Promise.reject(dailiesError('E_INTERNAL', `A ${spec.kind} job reached ${kind}.`)),
      concurrency: registration.concurrency,
      admit: admit
        ? (spec, running, refused) => !ofKind(spec, kind) || admit(spec, running, refused)
        : null,
      onGiveUp: (jobId, spec, error) =>
        onGiveUp && ofKind(spec, kind) ? onGiveUp(jobId, spec, error) : 'fail',
      onChange: onChange ?? (() => {}),
    });
  }

  /** The registered kinds, in the order of `jobKinds` (a kind with no runner waits). */
  registered(): Array<[JobKind, Registered]> {
    return jobKinds.flatMap((kind) => {
      const registered = this.#byKind.get(kind);
      return registered ? [[kind, registered] as [JobKind, Registered]] : [];
    });
  }

  /** The kind's registration; throws for a kind no domain registered. */
  of(kind: JobKind): Registered {
    const registered = this.#byKind.get(kind);
    if (!registered) throw dailiesError('E_INTERNAL', `No runner for ${kind} jobs.`);
    return registered;
  }

  /** Tells the kind's domain of a changed job (a kind with no registration has no listener). */
  changed(job: Job): void {
    this.#byKind.get(job.kind)?.onChange(job);
  }
}
