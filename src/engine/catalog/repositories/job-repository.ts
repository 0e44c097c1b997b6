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
import { notByIndex } from './not-by-index';

export type JobRow = typeof jobs.$inferSelect;
export type JobFieldUpdate = Partial<Omit<JobRow, 'id' | 'kind' | 'specJson' | 'createdAt'>>;

/** SQL for the jobs table. The queue's rules (states, retries, concurrency) live in JobQueue. */
export class JobRepository {
  // The queue's hot statements, prepared once: each finished job or progress tick runs one.
  readonly #findById;
  readonly #nextQueued;
  readonly #firstPage;
  readonly #pageAfter;
  readonly #earliestRunAfter;
  readonly #activeForAsset;
  readonly #updateProgress;
  readonly #markRunning;
  readonly #markDone;

  constructor(private readonly db: CatalogDb) {
    const due = and(
      eq(jobs.state, 'queued'),
      eq(jobs.kind, sql.placeholder('kind')),
      or(isNull(jobs.runAfter), lte(jobs.runAfter, sql.placeholder('now'))),
    );
    const inOrder = [desc(jobs.priority), asc(jobs.id)] as const;
    this.#findById = db
      .select()
      .from(jobs)
      .where(eq(jobs.id, sql.placeholder('id')))
      .prepare();
    this.#nextQueued = db
      .select()
      .from(jobs)
      .where(due)
      .orderBy(...inOrder)
      .limit(1)
      .prepare();
    this.#firstPage = db
      .select()
      .from(jobs)
      .where(due)
      .orderBy(...inOrder)
      .limit(sql.placeholder('size'))
      .prepare();
    this.#pageAfter = db
      .select()
      .from(jobs)
      .where(
        and(
          due,
          or(
            lt(jobs.priority, sql.placeholder('priority')),
            and(eq(jobs.priority, sql.placeholder('priority')), gt(jobs.id, sql.placeholder('id'))),
          ),
        ),
      )
      .orderBy(...inOrder)
      .limit(sql.placeholder('size'))
      .prepare();
    this.#earliestRunAfter = db
      .select({ at: min(jobs.runAfter) })
      .from(jobs)
      .where(and(eq(jobs.state, 'queued'), gt(jobs.runAfter, sql.placeholder('now'))))
      .prepare();
    this.#activeForAsset = db
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.kind, sql.placeholder('kind')),
          eq(jobs.assetId, sql.placeholder('assetId')),
          inArray(jobs.state, ['queued', 'running', 'paused']),
        ),
      )
      .prepare();
    this.#updateProgress = db
      .update(jobs)
      .set({ progress: sql`${sql.placeholder('progress')}` })
      .where(eq(jobs.id, sql.placeholder('id')))
      .prepare();
    const at = sql`${sql.placeholder('at')}`;
    this.#markRunning = db
      .update(jobs)
      .set({
        state: 'running',
        attempts: sql`${sql.placeholder('attempts')}`,
        progress: 0,
        runAfter: null,
        startedAt: at,
        updatedAt: at,
      })
      .where(eq(jobs.id, sql.placeholder('id')))
      .returning()
      .prepare();
    this.#markDone = db
      .update(jobs)
      .set({ state: 'done', progress: 100, errorJson: null, updatedAt: at, finishedAt: at })
      .where(eq(jobs.id, sql.placeholder('id')))
      .returning()
      .prepare();
  }

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

  /** Many queued jobs in one statement (the caller keeps the list to a few hundred). */
  insertMany(
    rows: ReadonlyArray<{
      kind: JobKind;
      specJson: string;
      assetId: number | null;
      priority: number;
    }>,
    at: string,
  ): JobRow[] {
    if (rows.length === 0) return [];
    return this.db
      .insert(jobs)
      .values(
        rows.map((row) => ({ ...row, state: 'queued' as const, createdAt: at, updatedAt: at })),
      )
      .returning()
      .all()
      .sort((a, b) => a.id - b.id); // RETURNING promises no order; ids follow the values
  }

  findById(id: number): JobRow | undefined {
    return this.#findById.get({ id });
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
          // Of one kind only: newest first by key, stopping at the limit; through the queue's
          // index (jobs_due) SQLite would read and sort every job of the kind.
          filter.kind
            ? filter.state
              ? eq(jobs.kind, filter.kind)
              : eq(notByIndex(jobs.kind), filter.kind)
            : undefined,
        ),
      )
      .orderBy(desc(jobs.id))
      .limit(filter.limit)
      .all();
  }

  /** The next job of a kind to start: highest priority, then oldest, not waiting on a retry. */
  nextQueued(kind: JobKind, nowIso: string): JobRow | undefined {
    return this.#nextQueued.get({ kind, now: nowIso });
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
    return after
      ? this.#pageAfter.all({ kind, now: nowIso, size, priority: after.priority, id: after.id })
      : this.#firstPage.all({ kind, now: nowIso, size });
  }

  /** When the earliest retry that is still waiting becomes due. */
  earliestRunAfter(nowIso: string): string | null {
    return this.#earliestRunAfter.get({ now: nowIso })?.at ?? null;
  }

  /** An analysis (or other per-asset job) that has not finished yet. */
  findActiveForAsset(kind: JobKind, assetId: number): JobRow[] {
    return this.#activeForAsset.all({ kind, assetId });
  }

  /** Each asset's newest job of a kind (any state). */
  latestForAssets(kind: JobKind, assetIds: readonly number[]): Map<number, JobRow> {
    const latest = new Map<number, JobRow>();
    if (assetIds.length === 0) return latest;
    const rows = this.db
      .select()
      .from(jobs)
      // Through the assets' index: the queue's (jobs_due) would read every job of the kind.
      .where(and(eq(notByIndex(jobs.kind), kind), inArray(jobs.assetId, [...assetIds])))
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
      // In the assets' index order: through the queue's (jobs_due), each group is sorted again.
      .where(eq(notByIndex(jobs.kind), kind))
      .groupBy(jobs.assetId);
    const rows = this.db
      .select({ state: jobs.state, count: count() })
      .from(jobs)
      .where(inArray(jobs.id, newest))
      .groupBy(jobs.state)
      .all();
    return new Map(rows.map((row) => [row.state, row.count]));
  }

  /** A job starts: its attempt counted, its progress and retry time cleared. */
  markRunning(id: number, attempts: number, at: string): JobRow | undefined {
    return this.#markRunning.get({ id, attempts, at });
  }

  /** A job finished its work. */
  markDone(id: number, at: string): JobRow | undefined {
    return this.#markDone.get({ id, at });
  }

  update(id: number, fields: JobFieldUpdate): JobRow | undefined {
    return this.db.update(jobs).set(fields).where(eq(jobs.id, id)).returning().get();
  }

  /** The same fields on many jobs in one statement (the caller keeps the list to a chunk). */
  updateMany(ids: readonly number[], fields: JobFieldUpdate): JobRow[] {
    if (ids.length === 0) return [];
    return this.db
      .update(jobs)
      .set(fields)
      .where(inArray(jobs.id, [...ids]))
      .returning()
      .all();
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
    this.#updateProgress.run({ id, progress });
  }
}
