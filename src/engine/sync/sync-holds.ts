import {
  DailiesError,
  type DailiesError as DailiesErrorType,
  type Job,
  type JobSpec,
  type SyncHold,
} from '../../shared/contract';
import type { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { Clock } from '../time/clock';
import { msUntilWindowOpens, type UploadWindow } from '../storage/upload/upload-window';

/** A hold that lives in the job rows (a window hold is computed from the clock instead). */
export type StoredHoldReason = 'offline' | 'auth';

export interface SyncHoldsDeps {
  queue: Pick<JobQueue, 'inStates' | 'hold' | 'resume'>;
  states: Pick<SyncStateRepository, 'upsert'>;
  logger: Logger;
  /** Wall time for stamps; probes wait on it too, so a test drives the backoff. */
  clock: Clock;
  /** Whether the profile's platform and bucket both answer (any HTTP answer counts). */
  probe: (profileId: string) => Promise<boolean>;
  /** The profile's name and upload window, null when it has none (or is gone). */
  profile: (profileId: string) => { name: string; window: UploadWindow | null } | null;
  /** The holds changed: the overview sends itself again. */
  onChange: () => void;
  /** First wait before probing, doubled after each failed probe up to `maxProbeDelayMs`. */
  firstProbeDelayMs?: number;
  maxProbeDelayMs?: number;
}

const AUTH_CODES = new Set(['E_PLATFORM_AUTH', 'E_S3_AUTH']);
const OFFLINE_CODES = new Set(['E_NETWORK', 'E_TIMEOUT']);

/**
 * Whether a step's final error holds the profile's syncs. Offline means nothing answered (a
 * refused or reset connection, a timeout) or a gateway said the server behind it is down
 * (502/503/504) or busy (429): time cures those. A server that answered 500 is broken for this
 * request, not away: holding would retry it for ever, so the asset fails with the reason.
 */
export function holdReasonFor(error: DailiesErrorType): StoredHoldReason | null {
  if (AUTH_CODES.has(error.code)) return 'auth';
  if (!OFFLINE_CODES.has(error.code)) return null;
  const status = error.details?.status;
  return typeof status !== 'number' || status < 500 || GATEWAY_STATUSES.has(status)
    ? 'offline'
    : null;
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * Held offline and released this many times while the probe found both ends up, the job
 * fails with its reason instead: an offline hold must not become a retry loop for ever.
 */
export const MAX_OFFLINE_CYCLES = 5;

/** The hold a job is under: a paused sync job whose stored error carries `details.hold`. */
export function holdOf(job: Job): StoredHoldReason | null {
  if (job.state !== 'paused' || job.spec.kind !== 'sync') return null;
  const hold = job.error?.details?.hold;
  return hold === 'offline' || hold === 'auth' ? hold : null;
}

/**
 * Syncs Dailies paused by itself and resumes by itself: 'offline' (a step gave up on the
 * network: the profile's platform and bucket are probed with backoff until both answer),
 * 'auth' (a token or key was refused: until the editor signs in or stores a new secret),
 * 'window' (outside the profile's upload window). The stored holds are the job rows (paused,
 * with the hold in their error), so they survive a restart and an editor's pause, which
 * clears that error, is never undone by Dailies.
 */
export class SyncHolds {
  readonly #probes = new Map<string, { nextAt: number; controller: AbortController }>();
  /** The delay the last offline probe of a profile got to, and when it was released. */
  readonly #backoff = new Map<string, { delayMs: number; releasedAt: number }>();
  #disposed = false;

  constructor(private readonly deps: SyncHoldsDeps) {}

  /** After a restart: probe again for every profile with syncs held offline. */
  start(): void {
    for (const profileId of this.#heldProfiles('offline')) this.#probe(profileId);
  }

  /** The queue's give-up hook for sync jobs. */
  onGiveUp(jobId: number, spec: JobSpec, error: DailiesErrorType): 'fail' | { hold: DailiesError } {
    if (spec.kind !== 'sync') return 'fail';
    const reason = holdReasonFor(error);
    if (reason === null) return 'fail';
    const at = new Date(this.deps.clock.now()).toISOString();
    const cycles = reason === 'offline' ? this.#offlineCycles(jobId) + 1 : 0;
    if (cycles > MAX_OFFLINE_CYCLES) {
      // The probe keeps finding the bucket and platform up, yet this job keeps failing on
      // the network: something about its own requests, which waiting will not cure.
      const failed = new DailiesError({
        ...error.toValue(),
        message:
          `${error.message} It kept failing after the bucket and the platform answered again ` +
          `${MAX_OFFLINE_CYCLES} times, so Dailies stopped trying. Retry it once the cause is fixed.`,
        retryable: false,
      });
      this.deps.states.upsert(
        spec.assetId,
        { lastErrorJson: JSON.stringify(failed.toValue()) },
        at,
      );
      return 'fail';
    }
    const held = new DailiesError({
      ...error.toValue(),
      details: { ...error.details, hold: reason, ...(cycles > 0 ? { offlineCycles: cycles } : {}) },
    });
    this.deps.states.upsert(spec.assetId, { lastErrorJson: JSON.stringify(held.toValue()) }, at);
    // The others are held for this job's failure, not their own: they start their count afresh.
    const heldOthers = new DailiesError({
      ...held.toValue(),
      details: { ...error.details, hold: reason },
    });
    const others = this.deps.queue
      .inStates('sync', ['queued', 'running'])
      .filter(
        (job) =>
          job.id !== jobId && job.spec.kind === 'sync' && job.spec.profileId === spec.profileId,
      )
      .map((job) => job.id);
    this.deps.logger.warn('syncs held for the profile', {
      profileId: spec.profileId,
      reason,
      code: error.code,
      held: others.length + 1,
    });
    if (others.length > 0) {
      this.deps.queue.hold({ ids: others }, heldOthers).catch((thrown: unknown) => {
        this.deps.logger.warn('holding the profile’s syncs failed', { error: String(thrown) });
      });
    }
    if (reason === 'offline') this.#probe(spec.profileId);
    this.deps.onChange();
    return { hold: held };
  }

  /**
   * What held the profile's syncs is fixed (the editor signed in again, stored a new secret;
   * the network answers): they carry on. Jobs the editor paused stay paused.
   */
  async release(profileId: string, reason: StoredHoldReason): Promise<number> {
    const ids = this.#held(reason)
      .filter((job) => job.spec.kind === 'sync' && job.spec.profileId === profileId)
      .map((job) => job.id);
    if (ids.length === 0) return 0;
    this.deps.logger.info('resuming the profile’s syncs', {
      profileId,
      reason,
      resumed: ids.length,
    });
    try {
      return await this.deps.queue.resume({ ids });
    } catch (thrown) {
      // As with holding: the jobs stay held, and the next fix or probe releases them.
      this.deps.logger.warn('resuming the profile’s syncs failed', { error: String(thrown) });
      return 0;
    } finally {
      this.deps.onChange();
    }
  }

  /** Every hold now, for the overview. */
  list(): SyncHold[] {
    const holds: SyncHold[] = [];
    for (const reason of ['offline', 'auth'] as const) {
      for (const profileId of this.#heldProfiles(reason)) {
        const name = this.deps.profile(profileId)?.name ?? profileId;
        const probe = this.#probes.get(profileId);
        holds.push(
          reason === 'offline'
            ? {
                profileId,
                reason,
                message:
                  `Syncs of "${name}" are waiting: the platform or the bucket cannot be reached. ` +
                  'Dailies checks again by itself and carries on when both answer.',
                until: probe ? new Date(probe.nextAt).toISOString() : null,
              }
            : {
                profileId,
                reason,
                message:
                  `Syncs of "${name}" are waiting: the platform or the bucket refused the sign-in, ` +
                  'token or keys. Sign in again or store the right secret; they then carry on.',
                until: null,
              },
        );
      }
    }
    const waiting = new Set(
      this.deps.queue
        .inStates('sync', ['queued', 'running'])
        .flatMap((job) => (job.spec.kind === 'sync' ? [job.spec.profileId] : [])),
    );
    const now = this.deps.clock.now();
    for (const profileId of waiting) {
      const window = windowHold(this.deps.profile(profileId), now);
      if (window) holds.push({ profileId, reason: 'window', ...window });
    }
    return holds;
  }

  dispose(): void {
    this.#disposed = true;
    for (const probe of this.#probes.values()) probe.controller.abort();
    this.#probes.clear();
  }

  /** How often this job was held offline and released since it last ran clean. */
  #offlineCycles(jobId: number): number {
    const job = this.deps.queue.inStates('sync', ['running']).find((row) => row.id === jobId);
    const cycles = job?.error?.details?.offlineCycles;
    return typeof cycles === 'number' ? cycles : 0;
  }

  #held(reason: StoredHoldReason): Job[] {
    return this.deps.queue.inStates('sync', ['paused']).filter((job) => holdOf(job) === reason);
  }

  #heldProfiles(reason: StoredHoldReason): Set<string> {
    return new Set(
      this.#held(reason).flatMap((job) => (job.spec.kind === 'sync' ? [job.spec.profileId] : [])),
    );
  }

  #probe(profileId: string): void {
    if (this.#disposed || this.#probes.has(profileId)) return;
    const first = this.deps.firstProbeDelayMs ?? 5_000;
    const max = this.deps.maxProbeDelayMs ?? 120_000;
    // Held again soon after a release (a server failing one request for ever, say): go on
    // from the last delay instead of hammering it every few seconds.
    const last = this.#backoff.get(profileId);
    let delayMs =
      last && this.deps.clock.now() - last.releasedAt < max
        ? Math.min(max, last.delayMs * 2)
        : first;
    const controller = new AbortController();
    const entry = { nextAt: this.deps.clock.now() + delayMs, controller };
    this.#probes.set(profileId, entry);
    const loop = async () => {
      for (;;) {
        entry.nextAt = this.deps.clock.now() + delayMs;
        this.deps.onChange();
        await this.deps.clock.sleep(delayMs, controller.signal);
        if (this.#heldProfiles('offline').has(profileId) === false) return;
        if (await this.deps.probe(profileId)) {
          this.#backoff.set(profileId, { delayMs, releasedAt: this.deps.clock.now() });
          this.#probes.delete(profileId);
          await this.release(profileId, 'offline');
          return;
        }
        delayMs = Math.min(max, delayMs * 2);
      }
    };
    loop()
      .catch((thrown: unknown) => {
        if (!controller.signal.aborted)
          this.deps.logger.warn('the connectivity probe stopped', { error: String(thrown) });
      })
      .finally(() => {
        if (this.#probes.get(profileId) === entry) this.#probes.delete(profileId);
      });
  }
}

function windowHold(
  profile: { name: string; window: UploadWindow | null } | null,
  now: number,
): { message: string; until: string } | null {
  if (!profile?.window) return null;
  const wait = msUntilWindowOpens(profile.window, now);
  if (wait <= 0) return null;
  const opens = new Date(now + wait);
  return {
    message: `Uploads of "${profile.name}" wait for the upload window (opens ${clockTime(opens)}).`,
    until: opens.toISOString(),
  };
}

/** "20:00" in local time, as the editor wrote the window. */
export function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
