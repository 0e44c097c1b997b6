import { and, asc, count, desc, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { AssetFilters, AssetSort } from '../../../shared/contract';
import type { CatalogDb } from '../open-catalog';
import { assets } from '../schema';
import type { AssetRow } from './asset-repository';

export type SortValue = string | number;

export interface AssetQuery {
  /** An FTS5 MATCH expression, already made safe by the caller; null for no text search. */
  match: string | null;
  filters: AssetFilters;
  sort: AssetSort;
  trash: boolean;
  limit: number;
  after: { value: SortValue; id: number } | null;
}

/**
 * The expression each sort orders by. NULLs are folded to a sentinel so that a keyset
 * cursor can compare them; each expression has a matching partial index (0002_fts.sql).
 */
const sortExpressions: Record<AssetSort['field'], SQL> = {
  addedAt: sql`${assets.addedAt}`,
  updatedAt: sql`${assets.updatedAt}`,
  title: sql`${assets.title} COLLATE NOCASE`,
  fileName: sql`${assets.fileName} COLLATE NOCASE`,
  status: sql`${assets.status}`,
  codec: sql`coalesce(${assets.codec}, '')`,
  resolutionClass: sql`(CASE ${assets.resolutionClass} WHEN 'SD' THEN 1 WHEN '480p' THEN 2 WHEN '720p' THEN 3 WHEN '1080p' THEN 4 WHEN '1440p' THEN 5 WHEN '4K' THEN 6 ELSE 0 END)`,
  durationSeconds: sql`coalesce(${assets.durationSeconds}, -1)`,
  sizeBytes: sql`${assets.sizeBytes}`,
  contentId: sql`coalesce(${assets.contentId}, 0)`,
};

/**
 * Matches counted at most to tell a narrow text query from a broad one. Measured at 100,000
 * assets: reading and sorting the matches costs about 4 us each, walking the sort index
 * about 100 x (assets / matches) entries; they cross near a few hundred matches.
 */
const NARROW_CAP = 400;

/** Reads for the library view: full-text match, filters, sort and keyset pages. */
export class AssetSearchRepository {
  constructor(private readonly db: CatalogDb) {}

  /** One page, plus the sort value of each row for the next cursor. */
  page(query: AssetQuery): Array<{ row: AssetRow; sortValue: SortValue }> {
    const expression = sortExpressions[query.sort.field];
    const conditions = this.#conditions(query, query.match !== null && this.#narrow(query.match));
    if (query.after) {
      // Spelled so that the first half is a range on the sort index (a row-value comparison
      // over an expression is not), and the second breaks ties on id.
      const { value, id } = query.after;
      conditions.push(
        query.sort.direction === 'asc'
          ? sql`${expression} >= ${value} AND (${expression} > ${value} OR ${assets.id} > ${id})`
          : sql`${expression} <= ${value} AND (${expression} < ${value} OR ${assets.id} < ${id})`,
      );
    }
    const order = query.sort.direction === 'asc' ? asc : desc;
    return this.db
      .select({ row: assets, sortValue: sql<SortValue>`${expression}` })
      .from(assets)
      .where(and(...conditions))
      .orderBy(order(expression), order(assets.id))
      .limit(query.limit)
      .all();
  }

  count(query: Omit<AssetQuery, 'after' | 'limit'>): number {
    const row = this.db
      .select({ n: count() })
      .from(assets)
      .where(and(...this.#conditions(query)))
      .get();
    return row?.n ?? 0;
  }

  /**
   * The filters, each behind a unary `+` so the planner never trades the ordered scan of the
   * covering sort index for a filter column's index followed by sorting most of the table:
   * a page then costs at most one scan of the index, however broad or narrow the filter.
   */
  /**
   * Whether a text query matches few enough assets to read them all and sort them: counting
   * stops at the cap, so this costs the same for a query matching 3,000 or 50,000 assets.
   */
  #narrow(match: string): boolean {
    const row = this.db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM assets_fts WHERE assets_fts MATCH ${match} LIMIT ${NARROW_CAP})`,
    );
    return row.n < NARROW_CAP;
  }

  /**
   * With `narrow`, the matching assets are looked up by id and sorted (few: cheap, whereas
   * scanning the sort index for them would read most of it); otherwise the sort index is
   * walked and each row tested, which stops early because matches are dense.
   */
  #conditions(query: Omit<AssetQuery, 'after' | 'limit'>, narrow = false): SQL[] {
    const { filters } = query;
    const conditions: SQL[] = [
      query.trash ? isNotNull(assets.deletedAt) : isNull(assets.deletedAt),
    ];
    if (query.match !== null && narrow) {
      conditions.push(
        sql`${assets.id} IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ${query.match})`,
      );
    } else if (query.match !== null) {
      conditions.push(
        sql`+${assets.id} IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ${query.match})`,
      );
    }
    const oneOf = (column: SQL | typeof assets.status, values: readonly string[]) =>
      sql`+${column} IN (${sql.join(
        values.map((value) => sql`${value}`),
        sql`, `,
      )})`;
    if (filters.status) conditions.push(oneOf(assets.status, filters.status));
    if (filters.codec) conditions.push(oneOf(sql`${assets.codec}`, filters.codec));
    if (filters.resolutionClass) {
      conditions.push(oneOf(sql`${assets.resolutionClass}`, filters.resolutionClass));
    }
    if (filters.durationMin !== undefined) {
      conditions.push(sql`+${assets.durationSeconds} >= ${filters.durationMin}`);
    }
    if (filters.durationMax !== undefined) {
      conditions.push(sql`+${assets.durationSeconds} <= ${filters.durationMax}`);
    }
    if (filters.addedFrom !== undefined) {
      conditions.push(sql`+${assets.addedAt} >= ${filters.addedFrom}`);
    }
    if (filters.addedTo !== undefined) {
      conditions.push(sql`+${assets.addedAt} <= ${filters.addedTo}`);
    }
    if (filters.folder !== undefined) {
      // Everything under the folder: paths from "folder/" up to (not including) "folder0",
      // '0' being the character after '/', so the path index answers it as a range.
      const base = filters.folder.replace(/[\\/]+$/, '');
      const separator = base.includes('\\') && !base.includes('/') ? '\\' : '/';
      const low = `${base}${separator}`;
      const high = `${base}${String.fromCharCode(separator.charCodeAt(0) + 1)}`;
      conditions.push(
        sql`+${assets.id} IN (SELECT asset_id FROM asset_locations WHERE path >= ${low} AND path < ${high})`,
      );
    }
    return conditions;
  }
}
