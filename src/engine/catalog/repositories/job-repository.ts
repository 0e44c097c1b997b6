import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  inArray,
  isNull,
  lt,
  lte,
  max,
  min,
  or,
  sql,
} from 'drizzle-orm';
import type { JobKind, JobState } from '../../../shared/contract/jobs';
import type { CatalogDb } from '../open-catalog';
import { jobs } from '../schema';

export type JobRow = typeof jobs.$inferSelect;
export type JobFieldUpdate = Partial<Omit<JobRow, 'id' | 'kind' | 'specJson' | 'createdAt'>>;

/** SQL for the jobs table. The queue's rules (states, retries, concurrency) live in JobQueue. */
export class JobRepository {
  constructor(private readonly db: CatalogDb) {}

  insert(row: {
    kind: JobKind;
    specJson: string;
    assetId: number | null;
    priority: number;
    at: string;
  }): JobRow {
    const inserted = this.db
      .insert(jobs)
      .values({
        kind: row.kind,
        specJson: row.specJson,
        assetId: row.assetId,
        priority: row.priority,
        state: 'queued',
        createdAt: row.at,
        updatedAt: row.at,
      })
      .returning()
      .get();
    return inserted;
  }

  findById(id: number): JobRow | undefined {
    return this.db.select().from(jobs).where(eq(jobs.id, id)).get();
  }

  findByIds(ids: readonly number[]): JobRow[] {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(jobs)
      .where(inArray(jobs.id, [...ids]))
      .all();
  }

  list(filter: { state?: JobState; kind?: JobKind; limit: number }): JobRow[] {
    return this.db
      .select()
      .from(jobs)
      .where(
        and(
          filter.state ? eq(jobs.state, filter.state) : undefined,
          filter.kind ? eq(jobs.kind, filter.kind) : undefined,
        ),
      )
      .orderBy(desc(jobs.id))
      .limit(filter.limit)
      .all();
  }

  /** Jobs in one of `states`, by id or all (of one kind). */
  findInStates(states: readonly JobState[], ids: readonly number[] | null, kind?: JobKind) {
    return this.db
      .select()
      .from(jobs)
      .where(
        and(
          inArray(jobs.state, [...states]),
          ids ? inArray(jobs.id, [...ids]) : undefined,
          kind ? eq(jobs.kind, kind) : undefined,
        ),
      )
      .orderBy(asc(jobs.id))
      .all();
  }

  /** The next job of a kind to start: highest priority, then oldest, not waiting on a retry. */
  nextQueued(kind: JobKind, nowIso: string): JobRow | undefined {
    return this.db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.state, 'queued'),
          eq(jobs.kind, kind),
          or(isNull(jobs.runAfter), lte(jobs.runAfter, nowIso)),
        ),
      )
      .orderBy(desc(jobs.priority), asc(jobs.id))
      .limit(1)
      .get();
  }

  /**
   * Due queued jobs of a kind in the order they should start, a page at a time: those after
   * `after` (the last row of the previous page) in (priority desc, id asc) order.
   */
  queuedPage(
    kind: JobKind,
    nowIso: string,
    after: { priority: number; id: number } | null,
    size: number,
  ): JobRow[] {
    return this.db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.state, 'queued'),
          eq(jobs.kind, kind),
          or(isNull(jobs.runAfter), lte(jobs.runAfter, nowIso)),
          after
            ? or(
                lt(jobs.priority, after.priority),
                and(eq(jobs.priority, after.priority), gt(jobs.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(jobs.priority), asc(jobs.id))
      .limit(size)
      .all();
  }

  /** When the earliest retry that is still waiting becomes due. */
  earliestRunAfter(nowIso: string): string | null {
    const row = this.db
      .select({ at: min(jobs.runAfter) })
      .from(jobs)
      .where(and(eq(jobs.state, 'queued'), gt(jobs.runAfter, nowIso)))
      .get();
    return row?.at ?? null;
  }

  /** An analysis (or other per-asset job) that has not finished yet. */
  findActiveForAsset(kind: JobKind, assetId: number): JobRow[] {
    return this.db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.kind, kind),
          eq(jobs.assetId, assetId),
          inArray(jobs.state, ['queued', 'running', 'paused']),
        ),
      )
      .all();
  }

  /** Each asset's newest job of a kind (any state). */
  latestForAssets(kind: JobKind, assetIds: readonly number[]): Map<number, JobRow> {
    const latest = new Map<number, JobRow>();
    if (assetIds.length === 0) return latest;
    const rows = this.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, kind), inArray(jobs.assetId, [...assetIds])))
      .orderBy(desc(jobs.id))
      .all();
    for (const row of rows)
      if (row.assetId !== null && !latest.has(row.assetId)) latest.set(row.assetId, row);
    return latest;
  }

  /** How many assets' newest job of a kind is in each state (an old failure retried since
   *  does not count). */
  latestStateCounts(kind: JobKind): Map<JobState, number> {
    const newest = this.db
      .select({ id: max(jobs.id) })
      .from(jobs)
      .where(eq(jobs.kind, kind))
      .groupBy(jobs.assetId);
    const rows = this.db
      .select({ state: jobs.state, count: count() })
      .from(jobs)
      .where(inArray(jobs.id, newest))
      .groupBy(jobs.state)
      .all();
    return new Map(rows.map((row) => [row.state, row.count]));
  }

  update(id: number, fields: JobFieldUpdate): JobRow | undefined {
    return this.db.update(jobs).set(fields).where(eq(jobs.id, id)).returning().get();
  }

  /**
   * Jobs a previous run left running (a crash, a kill, a shutdown) go back to the queue. The
   * interrupted run is not counted as an attempt: the job did not fail, the engine stopped.
   */
  requeueRunning(at: string): JobRow[] {
    return this.db
      .update(jobs)
      .set({
        state: 'queued',
        progress: 0,
        updatedAt: at,
        runAfter: null,
        attempts: sql`max(${jobs.attempts} - 1, 0)`,
      })
      .where(eq(jobs.state, 'running'))
      .returning()
      .all();
  }

  updateProgress(id: number, progress: number): void {
    this.db
      .update(jobs)
      .set({ progress: sql`${progress}` })
      .where(eq(jobs.id, id))
      .run();
  }
}
