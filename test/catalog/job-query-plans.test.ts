import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCatalog, type Catalog } from '../../src/engine/catalog/open-catalog';
import { JobRepository } from '../../src/engine/catalog/repositories/job-repository';
import { JobStateQueries } from '../../src/engine/catalog/repositories/job-state-queries';
import * as schema from '../../src/engine/catalog/schema';
import { defaultMigrationsDir } from '../../src/engine/create-engine';
import { silentLogger } from '../helpers/silent-logger';
import { tempDir } from '../helpers/temp-dir';

const opened: Catalog[] = [];
afterEach(() => {
  for (const catalog of opened.splice(0)) catalog.close();
});

/**
 * The repositories on a fresh catalog (every migration, no ANALYZE, as an editor's), and the
 * plan SQLite picks for the statement the last call ran. The plans are what make a read cost
 * the same with 200,000 jobs in the catalog as with 20: a read by key or by asset that goes
 * down the queue's index (jobs_due) instead reads and sorts every job of its kind.
 */
function catalogWithPlans() {
  const catalog = openCatalog({
    dataDir: tempDir('dailies-job-plans-'),
    migrationsDir: defaultMigrationsDir,
    logger: silentLogger,
  });
  opened.push(catalog);
  let last: { sql: string; params: unknown[] } | null = null;
  const db = drizzle(catalog.sqlite, {
    schema,
    logger: { logQuery: (sql, params) => (last = { sql, params }) },
  });
  const planOf = (call: () => unknown): string => {
    last = null;
    call();
    const ran = last as { sql: string; params: unknown[] } | null;
    if (!ran) throw new Error('no statement ran');
    return catalog.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${ran.sql}`)
      .all(...ran.params)
      .map((row) => (row as { detail: string }).detail)
      .join(' | ');
  };
  return { jobs: new JobRepository(db), states: new JobStateQueries(db), planOf };
}

describe('reading jobs from a large catalog', () => {
  it('finds the newest job of given assets through the assets, not every job of the kind', () => {
    const { jobs, planOf } = catalogWithPlans();
    const plan = planOf(() => jobs.latestForAssets('sync', [1, 2, 3]));
    expect(plan).toContain('jobs_asset_id');
  });

  it('lists the newest jobs of a kind from the newest end, without sorting all of them', () => {
    const { jobs, planOf } = catalogWithPlans();
    const plan = planOf(() => jobs.list({ kind: 'analyse', limit: 5000 }));
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('walks the queue by id a window at a time, and looks given ids up by key', () => {
    const { states, planOf } = catalogWithPlans();
    const walk = planOf(() =>
      states.findInStatesAfter(['queued', 'paused'], 'analyse', 1_000, 500, 2_000),
    );
    expect(walk).toContain('INTEGER PRIMARY KEY');
    expect(walk).not.toContain('TEMP B-TREE');
    const byIds = planOf(() => states.findInStates(['queued', 'paused'], [1, 2, 3], 'analyse'));
    expect(byIds).toContain('INTEGER PRIMARY KEY');
  });

  it('still picks the next job of a kind with one seek down the queue index', () => {
    const { jobs, planOf } = catalogWithPlans();
    const plan = planOf(() => jobs.nextQueued('analyse', '2026-01-01T00:00:00.000Z'));
    expect(plan).toContain('jobs_due');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
