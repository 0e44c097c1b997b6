import { and, count, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { AssetFilters, AssetSort } from '../../../shared/contract';
import type { CatalogDb } from '../open-catalog';
import { assets } from '../schema';
import type { AssetRow } from './asset-repository';
import { FIRST_CHUNK, firstMatches, type SortedCandidate } from './matching-chunks';
import { rowMapper } from './raw-rows';

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

type PageRow = { row: AssetRow; sortValue: SortValue };

const toAssetRow = rowMapper(assets);

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
 * Below this many matches a text query is narrow: its matches are read by id and sorted
 * (about 4 us each at 100,000 assets), whereas walking the sort index would read most of it.
 */
export const NARROW_CAP = 400;

/**
 * From this share of the catalog up (and at least NARROW_CAP matches) a text query is broad:
 * its first page lies within a few thousand entries of the sort index, which is walked a
 * chunk at a time, only each chunk's ids being looked up in the search index (matching-chunks).
 * In between, the sort index is walked testing each entry against the set of all matches,
 * whose building costs about 0.1 us a match: little for these counts, much for broad ones.
 */
export const BROAD_SHARE = 1 / 16;
/** Matches counted at most to tell broad from the rest, so counting stays cheap at any size. */
const BROAD_COUNT_CEILING = 8192;
/**
 * Looking one id up in the search index costs about as much as reading this many entries of
 * a prefix's list in one pass (14 us against 0.045 us at 100,000 assets): ids scattered over
 * the catalog, as a title order scatters them, are cheaper looked up one by one when they are
 * few and the prefix's list is long ("m", which every ".mp4" file name matches).
 */
export const PROBE_COST_IN_ENTRIES = 300;
/** Margin on the first chunk sized from the density, so that it nearly always fills a page. */
const FIRST_CHUNK_MARGIN = 1.25;

type Breadth =
  { kind: 'narrow' } | { kind: 'middle' } | { kind: 'broad'; density: number; size: number };

/** Reads for the library view: full-text match, filters, sort and keyset pages. */
export class AssetSearchRepository {
  /** `probeCostInEntries` is for tests, which reach the one-by-one lookups on a small catalog. */
  constructor(
    private readonly db: CatalogDb,
    private readonly probeCostInEntries = PROBE_COST_IN_ENTRIES,
  ) {}

  /** One page, plus the sort value of each row for the next cursor. */
  page(query: AssetQuery): PageRow[] {
    const { match } = query;
    if (match === null) return this.#walk(query, []);
    const breadth = this.#breadth(match);
    if (breadth.kind === 'narrow') {
      return this.#walk(query, [
        sql`${assets.id} IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ${match})`,
      ]);
    }
    const allMatches = sql`+${assets.id} IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ${match})`;
    if (breadth.kind === 'middle') return this.#walk(query, [allMatches]);
    const { density, size } = breadth;
    // A first chunk just big enough for the page, where looking its ids up one by one beats a
    // pass over the prefix's whole list should the sort scatter them. Otherwise the usual
    // chunk: with scattered ids each chunk costs a whole pass, so a second one must be rare.
    const sized = Math.max(query.limit, Math.ceil((query.limit * FIRST_CHUNK_MARGIN) / density));
    const firstChunk =
      sized * this.probeCostInEntries < density * size ? Math.min(sized, FIRST_CHUNK) : FIRST_CHUNK;
    const found = firstMatches({
      limit: query.limit,
      after: query.after,
      firstChunk,
      candidates: (after, size) => this.#candidates({ ...query, after }, size),
      members: (ids) => this.#members(match, ids, density),
    });
    const rows = this.#rows(query, found.ids);
    if (found.resumeAfter === null) return rows;
    // Matches turned out sparse along this sort: the rest of the page as a middle query.
    const rest = { ...query, after: found.resumeAfter, limit: query.limit - rows.length };
    return [...rows, ...this.#walk(rest, [allMatches])];
  }

  count(query: Omit<AssetQuery, 'after' | 'limit'>): number {
    const { match } = query;
    if (match !== null && Object.values(query.filters).every((value) => value === undefined)) {
      // Text alone: the search index counts its own matches, less those on the other side of
      // the trash. Its rows are the assets' ids (triggers keep them in step), so this is the
      // same number, without building the set of every match and scanning the catalog
      // against it (16 ms for a two-letter prefix at 100,000 assets, 2 to 5 ms this way).
      const trashed = sql`SELECT ${assets.id} FROM ${assets} WHERE ${assets.deletedAt} IS NOT NULL`;
      const { n } = this.db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM assets_fts WHERE assets_fts MATCH ${match}
          AND +rowid ${query.trash ? sql`IN` : sql`NOT IN`} (${trashed})`,
      );
      return n;
    }
    const conditions = this.#conditions(query);
    if (match !== null) {
      conditions.push(
        sql`+${assets.id} IN (SELECT rowid FROM assets_fts WHERE assets_fts MATCH ${match})`,
      );
    }
    const row = this.db
      .select({ n: count() })
      .from(assets)
      .where(and(...conditions))
      .get();
    return row?.n ?? 0;
  }

  /**
   * Counts matches only as far as needed to tell narrow, middle and broad apart; the catalog's
   * size is taken from its highest id, which the primary key answers at once. A broad query's
   * density (share of ids that match) is told by the id its last counted match has.
   */
  #breadth(match: string): Breadth {
    const { n, last, size } = this.db.get<{ n: number; last: number | null; size: number | null }>(
      sql`SELECT counted.n AS n, counted.last AS last, (SELECT max(id) FROM assets) AS size
        FROM (SELECT count(*) AS n, max(id) AS last FROM (SELECT rowid AS id FROM assets_fts
          WHERE assets_fts MATCH ${match} LIMIT ${BROAD_COUNT_CEILING})) AS counted`,
    );
    if (n < NARROW_CAP) return { kind: 'narrow' };
    const broadFrom = Math.min(BROAD_COUNT_CEILING, (size ?? 0) * BROAD_SHARE);
    if (n < broadFrom) return { kind: 'middle' };
    const span = n >= BROAD_COUNT_CEILING ? (last ?? 1) : (size ?? 1);
    return { kind: 'broad', density: Math.min(1, n / Math.max(span, 1)), size: size ?? 0 };
  }

  /** The page walk along the sort index, with `extra` conditions on top of the filters. */
  #walk(query: AssetQuery, extra: SQL[]): PageRow[] {
    const where = and(...this.#conditions(query), ...extra, ...this.#after(query));
    return this.#select(query, sql`WHERE ${where}`, query.limit);
  }

  /** Rows and their sort values, ordered by the sort, read raw (see rowMapper). */
  #select(query: AssetQuery, where: SQL, limit: number): PageRow[] {
    const expression = sortExpressions[query.sort.field];
    const direction = query.sort.direction === 'asc' ? sql`ASC` : sql`DESC`;
    const raw = this.db.all<Record<string, unknown> & { __sortValue: SortValue }>(
      sql`SELECT ${assets}.*, ${expression} AS __sortValue FROM ${assets} ${where}
        ORDER BY ${expression} ${direction}, ${assets.id} ${direction} LIMIT ${limit}`,
    );
    return raw.map((entry) => ({ row: toAssetRow(entry), sortValue: entry.__sortValue }));
  }

  /** The next `size` ids along the sort index that pass the filters, text aside. */
  #candidates(query: AssetQuery, size: number): SortedCandidate[] {
    const expression = sortExpressions[query.sort.field];
    const direction = query.sort.direction === 'asc' ? sql`ASC` : sql`DESC`;
    // Raw rows: mapping a thousand of them through the query builder costs more than the walk.
    return this.db.all<SortedCandidate>(
      sql`SELECT ${assets.id} AS id, ${expression} AS sortValue FROM ${assets}
        WHERE ${and(...this.#conditions(query), ...this.#after(query))}
        ORDER BY ${expression} ${direction}, ${assets.id} ${direction} LIMIT ${size}`,
    );
  }

  /**
   * Which of `ids` match. The search index seeks to the lowest id and stops after the highest
   * (bounds cast to integers: bound as JS numbers they would be REAL, which FTS5 ignores), so
   * when ids follow the sort, as they do for dates, only that stretch of each doclist is read.
   * When they are scattered (titles) and few against the matches in that stretch, each id is
   * looked up on its own instead (PROBE_COST_IN_ENTRIES).
   */
  #members(match: string, ids: readonly number[], density: number): Set<number> {
    let low = Infinity;
    let high = -Infinity;
    for (const id of ids) {
      if (id < low) low = id;
      if (id > high) high = id;
    }
    const list = JSON.stringify(ids);
    const stretch = density * (high - low + 1);
    const rows =
      ids.length * this.probeCostInEntries < stretch
        ? this.db.all<{ id: number }>(
            sql`SELECT rowid AS id FROM assets_fts WHERE assets_fts MATCH ${match}
              AND rowid IN (SELECT value FROM json_each(${list}))`,
          )
        : this.db.all<{ id: number }>(
            sql`SELECT rowid AS id FROM assets_fts WHERE assets_fts MATCH ${match}
              AND rowid BETWEEN CAST(${low} AS INTEGER) AND CAST(${high} AS INTEGER)
              AND +rowid IN (SELECT value FROM json_each(${list}))`,
          );
    return new Set(rows.map((row) => row.id));
  }

  /** The page's rows for ids already known, in the sort's order. */
  #rows(query: AssetQuery, ids: readonly number[]): PageRow[] {
    if (ids.length === 0) return [];
    return this.#select(query, sql`WHERE ${inArray(assets.id, [...ids])}`, ids.length);
  }

  /**
   * After the cursor: spelled so that the first half is a range on the sort index (a
   * row-value comparison over an expression is not), and the second breaks ties on id.
   */
  #after(query: AssetQuery): SQL[] {
    if (!query.after) return [];
    const expression = sortExpressions[query.sort.field];
    const { value, id } = query.after;
    return [
      query.sort.direction === 'asc'
        ? sql`${expression} >= ${value} AND (${expression} > ${value} OR ${assets.id} > ${id})`
        : sql`${expression} <= ${value} AND (${expression} < ${value} OR ${assets.id} < ${id})`,
    ];
  }

  /**
   * The trash flag and the filters, each filter behind a unary `+` so the planner never
   * trades the ordered scan of the covering sort index for a filter column's index followed
   * by sorting most of the table: a page then costs at most one scan of the index, however
   * broad or narrow the filter. The text match is added by the caller.
   */
  #conditions(query: Omit<AssetQuery, 'after' | 'limit'>): SQL[] {
    const { filters } = query;
    const conditions: SQL[] = [
      query.trash ? isNotNull(assets.deletedAt) : isNull(assets.deletedAt),
    ];
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
