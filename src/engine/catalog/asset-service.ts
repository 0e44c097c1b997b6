import {
  dailiesError,
  type Asset,
  type AssetPage,
  type AssetSearch,
  type AssetSort,
} from '../../shared/contract';
import { formatCount, type BulkRuns } from '../events/bulk-runs';
import type { EventBus } from '../events/event-bus';
import { toAsset, toAssets } from './asset-mapper';
import { toFtsQuery } from './fts-query';
import type { AnalysisRepository } from './repositories/analysis-repository';
import type { AssetRepository } from './repositories/asset-repository';
import type { AssetSearchRepository } from './repositories/asset-search-repository';
import type { LocationRepository } from './repositories/location-repository';
import { decodeCursor, encodeCursor } from './search-cursor';
import type { Transact } from './transact';
import { ChunkBudget, forEachChunk } from '../time/chunks';
import { isoNow, type Clock } from '../time/clock';

export interface AssetServiceDeps {
  assets: AssetRepository;
  locations: LocationRepository;
  search: AssetSearchRepository;
  analysis: AnalysisRepository;
  transact: Transact;
  events: EventBus;
  /** The running whole-batch calls, each with its runId and stop signal (bulk.cancel). */
  bulkRuns: BulkRuns;
  clock: Clock;
  /** Assets went to the trash (their syncs stop); told before hosts hear of it. */
  onRemoved: (assetIds: readonly number[]) => void;
}

/** Assets moved to the trash in the first transaction; later ones are sized by time. */
const REMOVE_FIRST = 125;
/** How long each transaction of a removal holds the event loop, about. */
const REMOVE_STEP_MS = 20;

/**
 * Assets deleted for good in the first transaction (each takes its rows in other tables with
 * it, so one costs several times what a removal does); later ones are sized by time.
 */
const DELETE_FIRST = 32;
/** How long each transaction of emptying the trash holds the event loop, about. */
const DELETE_STEP_MS = 20;

const trashSort: AssetSort = { field: 'updatedAt', direction: 'desc' };

/** Reading the library, and the trash: soft delete, restore, empty. Files are never touched. */
export class AssetService {
  constructor(private readonly deps: AssetServiceDeps) {}

  get(id: number): Asset {
    const row = this.deps.assets.findById(id);
    if (!row) throw notFound(id);
    return toAsset(
      row,
      this.deps.locations.findByAssetIds([id]),
      this.deps.analysis.findStills([id])[0],
    );
  }

  search(input: AssetSearch): AssetPage {
    return this.#page({ ...input, trash: false });
  }

  trash(input: { limit: number; cursor: string | null }): AssetPage {
    return this.#page({
      query: '',
      filters: {},
      sort: trashSort,
      limit: input.limit,
      cursor: input.cursor,
      includeTotal: false,
      trash: true,
    });
  }

  /**
   * A chunk of assets per transaction, the event loop running between chunks, so removing
   * thousands leaves every other call answered; hosts hear of them all at the end, as before.
   * Stopped (bulk.cancel), the assets already moved stay in the trash (hosts hear of those),
   * the rest stay in the library, and the call fails with E_CANCELLED saying how many moved.
   */
  async remove(ids: readonly number[]): Promise<number> {
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    const at = isoNow(this.deps.clock);
    const removed: number[] = [];
    const run = this.deps.bulkRuns.start('assets.remove');
    const budget = new ChunkBudget(run.steps({ first: REMOVE_FIRST, budgetMs: REMOVE_STEP_MS }));
    try {
      await forEachChunk(
        sorted,
        budget,
        (chunk, offset) => {
          removed.push(...this.deps.transact(() => this.deps.assets.softDelete(chunk, at)));
          // Only a removal that spans more than one step reports how far it is.
          if (chunk.length < sorted.length) run.step(offset + chunk.length, sorted.length);
        },
        run.signal,
      );
    } catch (error) {
      const failure = run.isStop(error)
        ? run.stopped(
            `Stopped: ${formatCount(removed.length)} of ${formatCount(sorted.length)} assets moved to the trash; the others are still in the library.`,
            removed.length,
            sorted.length,
          )
        : error;
      // The call's own outcome is its answer: should telling of the assets already moved
      // throw as well, the stop (or the failure) is still what the caller hears.
      try {
        this.#told(removed);
      } catch {
        // The assets moved are in the trash all the same; the next search shows them there.
      }
      throw failure;
    } finally {
      run.end();
    }
    this.#told(removed);
    return removed.length;
  }

  /** Assets went to the trash: their syncs stop, then hosts hear of them. */
  #told(removed: readonly number[]): void {
    if (removed.length === 0) return;
    this.deps.onRemoved(removed);
    this.deps.events.emit('assets.changed', { reason: 'removed', ids: [...removed] });
  }

  restore(ids: readonly number[]): number {
    const restored = this.deps.transact(() =>
      this.deps.assets.restore(ids, isoNow(this.deps.clock)),
    );
    if (restored.length > 0) {
      this.deps.events.emit('assets.changed', { reason: 'restored', ids: restored });
    }
    return restored.length;
  }

  /**
   * Forgets what is in the trash now, a chunk of assets per transaction (each asset with its
   * locations, history, analysis and jobs), chunks sized by the time they take and the event
   * loop running between them; hosts hear of them all at the end, as before. An asset
   * restored meanwhile stays. Stopped (bulk.cancel), what was forgotten is gone, the rest
   * stays in the trash, and the call fails with E_CANCELLED saying how many went.
   */
  async emptyTrash(): Promise<number> {
    const trashed = this.deps.assets.trashedIds();
    const deleted: number[] = [];
    const run = this.deps.bulkRuns.start('trash.empty');
    const budget = new ChunkBudget(run.steps({ first: DELETE_FIRST, budgetMs: DELETE_STEP_MS }));
    try {
      await forEachChunk(
        trashed,
        budget,
        (chunk, offset) => {
          deleted.push(...this.deps.transact(() => this.deps.assets.deleteTrashed(chunk)));
          if (chunk.length < trashed.length) run.step(offset + chunk.length, trashed.length);
        },
        run.signal,
      );
    } catch (error) {
      if (!run.isStop(error)) throw error;
      throw run.stopped(
        `Stopped: ${formatCount(deleted.length)} of ${formatCount(trashed.length)} assets in the trash forgotten; the others are still in the trash.`,
        deleted.length,
        trashed.length,
      );
    } finally {
      run.end();
      // Should a chunk fail or the call be stopped, the assets already gone are gone: hosts
      // hear of those.
      if (deleted.length > 0)
        this.deps.events.emit('assets.changed', { reason: 'deleted', ids: deleted });
    }
    return deleted.length;
  }

  #page(input: AssetSearch & { trash: boolean }): AssetPage {
    const { filters } = input;
    if (
      filters.durationMin !== undefined &&
      filters.durationMax !== undefined &&
      filters.durationMin > filters.durationMax
    ) {
      throw dailiesError('E_VALIDATION', 'The shortest duration is longer than the longest.', {
        details: { fields: [{ path: 'filters.durationMin', message: 'Larger than durationMax' }] },
      });
    }
    const match = toFtsQuery(input.query);
    const base = { match, filters, sort: input.sort, trash: input.trash };
    const after = input.cursor === null ? null : decodeCursor(input.cursor, input.sort);
    // One row more than asked tells whether there is a next page without a count.
    const rows = this.deps.search.page({ ...base, limit: input.limit + 1, after });
    const pageRows = rows.slice(0, input.limit);
    const last = pageRows.at(-1);
    return {
      items: toAssets(
        pageRows.map((entry) => entry.row),
        (ids) => this.deps.locations.findByAssetIds(ids),
        (ids) => this.deps.analysis.findStills(ids),
      ),
      nextCursor:
        rows.length > input.limit && last
          ? encodeCursor(input.sort, last.sortValue, last.row.id)
          : null,
      total: input.includeTotal ? this.deps.search.count(base) : null,
    };
  }
}

export function notFound(id: number) {
  return dailiesError('E_NOT_FOUND', `There is no asset ${id} in the catalog.`, {
    details: { id },
  });
}
