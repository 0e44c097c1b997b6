import { and, asc, desc, eq, gt, inArray, lte, max, notInArray, sql } from 'drizzle-orm';
import type { JobKind, JobState } from '../../../shared/contract/jobs';
import type { CatalogDb } from '../open-catalog';
import { jobs } from '../schema';
import type { JobRow } from './job-repository';
import { notByIndex } from './not-by-index';

/**
 * Which jobs are in some states: all of them at once (a kind's, or among given ids), or a
 * walk of the whole queue by id a window at a time, so a pause of all of 100,000 jobs never
 * reads or sorts them in one statement.
 */
export class JobStateQueries {
  constructor(private readonly db: CatalogDb) {}

  /** Jobs in one of `states`, by id or all (of one kind). */
  findInStates(
    states: readonly JobState[],
    ids: readonly number[] | null,
    kind?: JobKind,
  ): JobRow[] {
    return this.db
      .select()
      .from(jobs)
      .where(
        and(
          // Given ids, SQLite looks them up by key and filters on state; with the state index
          // it would read and sort every job in those states instead (60 ms at 110,000).
          ids ? inArray(sql`+${jobs.state}`, [...states]) : inArray(jobs.state, [...states]),
          ids ? inArray(jobs.id, [...ids]) : undefined,
          // Given ids, not through the queue's index (jobs_due) either.
          kind ? (ids ? eq(notByIndex(jobs.kind), kind) : eq(jobs.kind, kind)) : undefined,
        ),
      )
      .orderBy(asc(jobs.id))
      .all();
  }

  /**
   * Up to `limit` jobs in one of `states` (of one kind) among the ids after `afterId` up to
   * `afterId + window`, in id order: each call reads at most `window` rows by key, however
   * many jobs there are: a walk of the whole queue (JobCommands' pause, resume, cancel and
   * retry of all) goes a window at a time, up to lastId().
   */
  findInStatesAfter(
    states: readonly JobState[],
    kind: JobKind | undefined,
    afterId: number,
    limit: number,
    window = Number.MAX_SAFE_INTEGER,
  ): JobRow[] {
    return this.db
      .select()
      .from(jobs)
      .where(
        and(
          gt(jobs.id, afterId),
          lte(jobs.id, afterId + Math.min(window, Number.MAX_SAFE_INTEGER - afterId)),
          // By key in id order, not through the state index, which would collect and sort
          // every job in those states for each page.
          inArray(sql`+${jobs.state}`, [...states]),
          // Nor the queue's (jobs_due), which would read and sort every job of the kind.
          kind ? eq(notByIndex(jobs.kind), kind) : undefined,
        ),
      )
      .orderBy(asc(jobs.id))
      .limit(limit)
      .all();
  }

  /** The highest job id so far (0 with none): where a walk of the whole queue ends. */
  lastId(): number {
    return (
      this.db
        .select({ id: max(jobs.id) })
        .from(jobs)
        .get()?.id ?? 0
    );
  }

  /**
   * The highest priority among jobs in `states` other than `except` (null with none): one
   * seek down the state-priority index per state, so it costs the same with 110,000 waiting.
   */
  highestPriorityExcept(states: readonly JobState[], except: readonly number[]): number | null {
    let highest: number | null = null;
    for (const state of states) {
      const row = this.db
        .select({ priority: jobs.priority })
        .from(jobs)
        .where(
          and(
            eq(jobs.state, state),
            except.length > 0 ? notInArray(jobs.id, [...except]) : undefined,
          ),
        )
        .orderBy(desc(jobs.priority))
        .limit(1)
        .get();
      if (row && (highest === null || row.priority > highest)) highest = row.priority;
    }
    return highest;
  }
}
