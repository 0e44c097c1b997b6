import { randomUUID } from 'node:crypto';
import { dailiesError, type Asset, type BulkPatch, type HistoryEntry } from '../../shared/contract';
import { uniqueTags, type MetadataPatch } from '../../shared/metadata/metadata-schema';
import { formatCount, type BulkRun, type BulkRuns } from '../events/bulk-runs';
import type { EventBus } from '../events/event-bus';
import { parseTags, toAsset, toMetadata } from './asset-mapper';
import { notFound } from './asset-service';
import { planMetadataEdit, toColumns, type FieldChange } from './metadata-edit-plan';
import type { AnalysisRepository } from './repositories/analysis-repository';
import type { AssetFieldUpdate, AssetRepository, AssetRow } from './repositories/asset-repository';
import type { EditHistoryRepository, EditHistoryRow } from './repositories/edit-history-repository';
import type { LocationRepository } from './repositories/location-repository';
import type { Transact } from './transact';
import { ChunkBudget, forEachChunk } from '../time/chunks';
import { isoNow, type Clock } from '../time/clock';

export interface MetadataServiceDeps {
  assets: AssetRepository;
  locations: LocationRepository;
  analysis: AnalysisRepository;
  history: EditHistoryRepository;
  transact: Transact;
  events: EventBus;
  /** The running whole-batch calls, each with its runId and stop signal (bulk.cancel). */
  bulkRuns: BulkRuns;
  clock: Clock;
  /** Who edits, as shown in the history ("alice (electron)"). */
  actor: string;
}

/** Assets checked (a quarter as many written) in the first step of a bulk edit; later steps are sized by time. */
const BULK_CHUNK = 250;
/** How long each step of a bulk edit holds the event loop, about. */
const BULK_STEP_MS = 20;

/**
 * Metadata edits: validation, the lock on content id and slug after sync, marking a synced
 * asset dirty (the rules: metadata-edit-plan.ts), and a history of every change that can be
 * undone.
 */
export class MetadataService {
  constructor(private readonly deps: MetadataServiceDeps) {}

  update(id: number, patch: MetadataPatch, expectedRevision?: number): Asset {
    const batchId = randomUUID();
    const changed = this.deps.transact(() => {
      const row = this.#require(id);
      if (expectedRevision !== undefined && row.revision !== expectedRevision) {
        throw dailiesError(
          'E_CONFLICT',
          `"${row.title}" was changed elsewhere since you opened it. Reload it and apply your edit again.`,
          { details: { id, expectedRevision, revision: row.revision } },
        );
      }
      return this.#apply(row, patch, batchId, 'edit') !== null;
    });
    if (changed) this.deps.events.emit('assets.changed', { reason: 'updated', ids: [id] });
    return this.#read(id);
  }

  /**
   * One patch, many assets: if any asset refuses it, none change. Every asset is checked
   * first, then written, a chunk per step with the event loop running in between, so a bulk
   * edit of thousands leaves every other call answered. Should an asset refuse at the write
   * (someone changed it in between), what the batch wrote is put back before the error.
   * Stopped (bulk.cancel), the same: nothing is changed, and the call fails with E_CANCELLED.
   * An asset edited by someone else meanwhile keeps that newer edit (see #putBack).
   * A call that spans more than one step reports its progress, each asset counting twice
   * (checked, then written).
   */
  async bulkUpdate(
    ids: readonly number[],
    patch: BulkPatch,
  ): Promise<{ batchId: string; updated: number }> {
    const batchId = randomUUID();
    const { addTags, removeTags, ...fields } = patch;
    const own = (row: AssetRow): MetadataPatch => {
      if (!addTags && !removeTags) return { ...fields };
      const removing = new Set((removeTags ?? []).map((tag) => tag.toLowerCase()));
      const tags = uniqueTags([...(fields.tags ?? parseTags(row.tagsJson)), ...(addTags ?? [])]);
      return { ...fields, tags: tags.filter((tag) => !removing.has(tag.toLowerCase())) };
    };
    const unique = [...new Set(ids)];
    const run = this.deps.bulkRuns.start('assets.bulkUpdate');
    const progress = (done: number, chunk: number) => {
      if (chunk < unique.length) run.step(done, unique.length * 2);
    };
    const changedIds: number[] = [];
    const putBack = { editedMeanwhile: 0 };
    try {
      await this.#check(unique, own, run, progress);
      await this.#write(unique, own, batchId, changedIds, putBack, run, (done, chunk) =>
        progress(unique.length + done, chunk),
      );
    } catch (error) {
      // Only the stop itself answers E_CANCELLED: a refusal, or a put-back that failed, keeps
      // its own error (and after a failed put-back, "nothing was changed" would not be true).
      if (!run.isStop(error)) throw error;
      const meanwhile = putBack.editedMeanwhile;
      const kept =
        meanwhile === 0
          ? ''
          : meanwhile === 1
            ? ' 1 of them was edited meanwhile: that newer edit stays.'
            : ` ${formatCount(meanwhile)} of them were edited meanwhile: those newer edits stay.`;
      throw run.stopped(
        `Stopped: nothing was changed (the edit of ${formatCount(unique.length)} assets is all or nothing).${kept}`,
        0,
        unique.length,
      );
    } finally {
      run.end();
    }
    if (changedIds.length > 0)
      this.deps.events.emit('assets.changed', { reason: 'updated', ids: changedIds });
    return { batchId, updated: changedIds.length };
  }

  /** Every asset is checked before any is written: one that refuses fails the call. */
  async #check(
    ids: readonly number[],
    own: (row: AssetRow) => MetadataPatch,
    run: BulkRun,
    progress: (done: number, chunk: number) => void,
  ): Promise<void> {
    const budget = new ChunkBudget(run.steps({ first: BULK_CHUNK, budgetMs: BULK_STEP_MS }));
    await forEachChunk(
      ids,
      budget,
      (chunk, offset) => {
        const rows = new Map(this.deps.assets.findByIds(chunk).map((row) => [row.id, row]));
        for (const id of chunk) {
          const row = rows.get(id);
          if (!row) throw notFound(id);
          this.#plan(row, own(row), false);
        }
        progress(offset + chunk.length, chunk.length);
      },
      run.signal,
    );
  }

  /**
   * Writes the patch, a chunk per transaction, the ids of the assets it changed going to
   * `changedIds`. Should an asset refuse (someone changed it since the check) or the call be
   * stopped, what the batch wrote is put back before the error.
   */
  async #write(
    ids: readonly number[],
    own: (row: AssetRow) => MetadataPatch,
    batchId: string,
    changedIds: number[],
    putBack: { editedMeanwhile: number },
    run: BulkRun,
    progress: (done: number, chunk: number) => void,
  ): Promise<void> {
    const written: WrittenAsset[] = [];
    try {
      // Writing an asset costs several times what checking it does: it has its own budget.
      const budget = new ChunkBudget(run.steps({ first: BULK_CHUNK / 4, budgetMs: BULK_STEP_MS }));
      await forEachChunk(
        ids,
        budget,
        (chunk, offset) => {
          const done = this.deps.transact(() => {
            const rows = new Map(this.deps.assets.findByIds(chunk).map((row) => [row.id, row]));
            return chunk.flatMap((id): WrittenAsset[] => {
              const row = rows.get(id);
              if (!row) throw notFound(id);
              const plan = this.#plan(row, own(row), false);
              if (!plan) return [];
              this.#record(row, plan, batchId, 'edit');
              return [
                {
                  before: row,
                  changes: plan.changes,
                  wrote: {
                    status: plan.update.status ?? row.status,
                    updatedAt: plan.update.updatedAt ?? row.updatedAt,
                  },
                },
              ];
            });
          });
          changedIds.push(...done.map((asset) => asset.before.id));
          written.push(...done);
          progress(offset + chunk.length, chunk.length);
        },
        run.signal,
      );
    } catch (error) {
      changedIds.length = 0;
      putBack.editedMeanwhile = await this.#putBack(written, batchId, run);
      throw error;
    }
  }

  /**
   * Undoes what a bulk edit wrote before it failed or was stopped, and the batch's history,
   * telling the windows of each step. An asset still as the batch left it (its revision is
   * the one the batch wrote) gets its fields back as they were, and its status and time too
   * unless analysis or sync changed them meanwhile. One edited
   * since (assets.update while the batch went on) keeps that newer edit: only the batch's
   * fields that still hold what the batch wrote go back. Answers how many were edited since.
   * A step per transaction, like the writes: putting back the first 9,000 of 10,000 must not
   * hold the event loop for the whole lot at once.
   */
  async #putBack(written: readonly WrittenAsset[], batchId: string, run: BulkRun): Promise<number> {
    let editedMeanwhile = 0;
    await forEachChunk(
      written,
      new ChunkBudget(run.steps({ first: BULK_CHUNK / 4, budgetMs: BULK_STEP_MS })),
      (chunk) => {
        const ids = chunk.map((asset) => asset.before.id);
        this.deps.transact(() => {
          const now = new Map(this.deps.assets.findByIds(ids).map((row) => [row.id, row]));
          for (const { before, changes, wrote } of chunk) {
            const row = now.get(before.id);
            if (!row) continue;
            if (row.revision === before.revision + 1) {
              // Status and time go back only where nothing moved them since: analysis or
              // sync finishing meanwhile (neither bumps the revision) keep what they wrote.
              const untouched = row.status === wrote.status && row.updatedAt === wrote.updatedAt;
              this.deps.assets.update(row.id, {
                ...toColumns(toMetadata(before)),
                ...(untouched ? { status: before.status, updatedAt: before.updatedAt } : {}),
              });
              continue;
            }
            editedMeanwhile += 1;
            const current = toMetadata(row);
            const back = changes.filter(
              (change) => JSON.stringify(current[change.field]) === JSON.stringify(change.to),
            );
            if (back.length === 0) continue;
            const fields = Object.fromEntries(back.map((change) => [change.field, change.from]));
            this.deps.assets.update(row.id, toColumns({ ...current, ...fields }));
          }
          // Only the assets written have entries of the batch (a step that failed wrote none).
          this.deps.history.deleteBatchOf(batchId, ids);
        });
        this.deps.events.emit('assets.changed', { reason: 'updated', ids });
      },
    );
    return editedMeanwhile;
  }

  /**
   * The editor sent an asset that fails the delivery check anyway: who, when, against which
   * rule set and why it failed stay in its history (not undoable: the upload happened).
   */
  recordDeliveryOverride(id: number, report: { ruleSet: string; reasons: string[] }): void {
    this.#require(id);
    this.deps.history.insert({
      assetId: id,
      batchId: randomUUID(),
      kind: 'delivery-override',
      actor: this.deps.actor,
      at: isoNow(this.deps.clock),
      changesJson: JSON.stringify([
        {
          field: 'delivery',
          from: `fails "${report.ruleSet}": ${report.reasons.join(' ')}`,
          to: 'sent anyway',
        },
      ]),
    });
  }

  history(id: number, limit: number): HistoryEntry[] {
    this.#require(id);
    return this.deps.history.listForAsset(id, limit).map(toHistoryEntry);
  }

  /** Reverts the newest edit that is not undone yet; undoing again goes one further back. */
  undo(id: number): Asset {
    this.deps.transact(() => {
      const row = this.#require(id);
      const entry = this.deps.history.latestUndoable(id);
      if (!entry) {
        throw dailiesError('E_NOT_FOUND', `There is no edit of "${row.title}" left to undo.`, {
          details: { id },
        });
      }
      const inverse: Record<string, unknown> = {};
      for (const change of parseChanges(entry.changesJson)) inverse[change.field] = change.from;
      const undoId = this.#apply(row, inverse as MetadataPatch, entry.batchId, 'undo', true);
      this.deps.history.markUndone(entry.id, undoId ?? entry.id);
    });
    this.deps.events.emit('assets.changed', { reason: 'updated', ids: [id] });
    return this.#read(id);
  }

  /** Writes the patch and its history entry; returns the entry id, or null when nothing changed. */
  #apply(
    row: AssetRow,
    patch: MetadataPatch,
    batchId: string,
    kind: 'edit' | 'undo',
    recordEmpty = false,
  ): number | null {
    const plan = this.#plan(row, patch, recordEmpty);
    return plan ? this.#record(row, plan, batchId, kind) : null;
  }

  /** Writes a planned edit and its history entry; returns the entry id. */
  #record(
    row: AssetRow,
    { changes, update }: { changes: FieldChange[]; update: AssetFieldUpdate },
    batchId: string,
    kind: 'edit' | 'undo',
  ): number {
    if (changes.length > 0) this.deps.assets.update(row.id, update);
    return this.deps.history.insert({
      assetId: row.id,
      batchId,
      kind,
      actor: this.deps.actor,
      at: update.updatedAt!,
      changesJson: JSON.stringify(changes),
    });
  }

  /** See planMetadataEdit; the edit is stamped with the service's clock. */
  #plan(row: AssetRow, patch: MetadataPatch, recordEmpty: boolean) {
    return planMetadataEdit(row, patch, recordEmpty, this.deps.clock);
  }

  #require(id: number): AssetRow {
    const row = this.deps.assets.findById(id);
    if (!row) throw notFound(id);
    return row;
  }

  #read(id: number): Asset {
    return toAsset(
      this.#require(id),
      this.deps.locations.findByAssetIds([id]),
      this.deps.analysis.findStills([id])[0],
    );
  }
}

/** An asset a bulk edit wrote: its row before, and what the batch changed. */
interface WrittenAsset {
  before: AssetRow;
  changes: FieldChange[];
  /** The status and time the batch left it with: put back only if they still hold. */
  wrote: { status: AssetRow['status']; updatedAt: AssetRow['updatedAt'] };
}

function parseChanges(json: string): FieldChange[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as FieldChange[]) : [];
  } catch {
    return [];
  }
}

function toHistoryEntry(row: EditHistoryRow): HistoryEntry {
  return {
    id: row.id,
    assetId: row.assetId,
    batchId: row.batchId,
    kind: row.kind,
    actor: row.actor,
    at: row.at,
    changes: parseChanges(row.changesJson),
    undone: row.undoneBy !== null,
  };
}
