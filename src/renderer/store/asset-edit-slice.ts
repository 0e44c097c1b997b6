import { DailiesError } from '../../shared/contract/errors';
import type { Asset, BulkPatch, DailiesApi, HistoryEntry } from '../../shared/contract';
import type { FieldError, MetadataPatch } from '../../shared/metadata';
import { errorMessage, wasStopped } from './error-message';
import type { Notice } from './notice';
import { plural } from './plural';
import type { Slice } from './slice';

export type EditOutcome =
  | { kind: 'saved'; asset: Asset }
  | { kind: 'invalid'; message: string; fields: FieldError[] }
  | { kind: 'conflict'; message: string }
  | { kind: 'failed'; message: string };

export type EditFailure = Exclude<EditOutcome, { kind: 'saved' }>;

/**
 * How a bulk edit that did not go through ended: refused (the dialog shows why), or stopped
 * from the progress strip (the library's notice says so, as for every stopped call).
 */
export type BulkEditFailure = EditFailure | { kind: 'stopped'; message: string };

export interface AssetEditSlice {
  /** The history of the asset the detail panel shows, newest first. */
  history: { assetId: number; entries: HistoryEntry[] } | null;
  /** One line about the last library action (saved, moved to trash, ...), for a live region. */
  libraryNotice: Notice | null;
  saveAsset(id: number, patch: MetadataPatch, expectedRevision: number): Promise<EditOutcome>;
  /** Resolves null when every asset took the patch. */
  bulkUpdateAssets(ids: number[], patch: BulkPatch): Promise<BulkEditFailure | null>;
  loadHistory(id: number): Promise<void>;
  undoAsset(id: number): Promise<void>;
  removeAssets(ids: number[]): Promise<void>;
  restoreAssets(ids: number[]): Promise<void>;
  emptyTrash(): Promise<void>;
  setLibraryNotice(notice: AssetEditSlice['libraryNotice']): void;
}

/** Field problems an E_VALIDATION (or a locked field's E_CONFLICT) carries in details.fields. */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!(error instanceof DailiesError)) return [];
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return [];
  return (fields as Array<{ path?: unknown; message?: unknown }>).map((field) => ({
    // Bulk patches and updates name fields as `patch.title` at the host boundary.
    path: String(field.path ?? '').replace(/^patch\./, ''),
    message: String(field.message ?? ''),
  }));
}

function outcomeOf(error: unknown): EditFailure {
  const fields = fieldErrorsOf(error);
  if (error instanceof DailiesError && error.code === 'E_VALIDATION') {
    return { kind: 'invalid', message: error.message, fields };
  }
  if (error instanceof DailiesError && error.code === 'E_CONFLICT') {
    return fields.length > 0
      ? { kind: 'invalid', message: error.message, fields }
      : { kind: 'conflict', message: error.message };
  }
  return { kind: 'failed', message: errorMessage(error) };
}

export const createAssetEditSlice =
  (api: DailiesApi): Slice<AssetEditSlice> =>
  (set, get) => {
    /**
     * A call the editor stopped from the progress strip: say how far it got (the engine's
     * message), as a plain notice (stopping was asked for, it is no failure), and show the
     * library as it is now.
     */
    const stopped = async (error: DailiesError) => {
      set({ libraryNotice: { tone: 'ok', text: error.message } });
      await get().refreshAssets();
    };
    /** A removal or emptying of the trash: stopped part-way, or failed. */
    const stoppedOrFailed = async (error: unknown) => {
      if (wasStopped(error)) await stopped(error);
      else set({ libraryNotice: { tone: 'bad', text: errorMessage(error) } });
    };
    return {
      history: null,
      libraryNotice: null,
      async saveAsset(id, patch, expectedRevision) {
        try {
          const asset = await api.invoke('assets.update', { id, patch, expectedRevision });
          get().replaceAssets([asset]);
          set({ libraryNotice: { tone: 'ok', text: `Saved “${asset.title}”.` } });
          void get().loadHistory(id);
          return { kind: 'saved', asset };
        } catch (error) {
          const outcome = outcomeOf(error);
          if (outcome.kind === 'conflict') {
            // Show their version at once, so "Load their version" has it to offer.
            const latest = await api.invoke('assets.get', { id }).catch(() => null);
            if (latest) get().replaceAssets([latest]);
          }
          return outcome;
        }
      },
      async bulkUpdateAssets(ids, patch) {
        try {
          const { updated } = await api.invoke('assets.bulkUpdate', { ids, patch });
          set({ libraryNotice: { tone: 'ok', text: `Updated ${plural(updated, 'asset')}.` } });
          await get().refreshAssets();
          return null;
        } catch (error) {
          if (!wasStopped(error)) return outcomeOf(error);
          await stopped(error);
          return { kind: 'stopped', message: error.message };
        }
      },
      async loadHistory(id) {
        try {
          const entries = await api.invoke('assets.history', { id, limit: 50 });
          set({ history: { assetId: id, entries } });
        } catch {
          set({ history: { assetId: id, entries: [] } });
        }
      },
      async undoAsset(id) {
        try {
          const asset = await api.invoke('assets.undo', { id });
          get().replaceAssets([asset]);
          set({ libraryNotice: { tone: 'ok', text: `Undid the last edit of “${asset.title}”.` } });
          await get().loadHistory(id);
        } catch (error) {
          set({ libraryNotice: { tone: 'bad', text: errorMessage(error) } });
        }
      },
      async removeAssets(ids) {
        if (ids.length === 0) return;
        try {
          const { removed } = await api.invoke('assets.remove', { ids });
          set({
            libraryNotice: {
              tone: 'ok',
              text: `Moved ${plural(removed, 'asset')} to the trash. Files on disk are untouched.`,
            },
          });
          await get().refreshAssets();
        } catch (error) {
          await stoppedOrFailed(error);
        }
      },
      async restoreAssets(ids) {
        if (ids.length === 0) return;
        try {
          const { restored } = await api.invoke('assets.restore', { ids });
          set({ libraryNotice: { tone: 'ok', text: `Restored ${plural(restored, 'asset')}.` } });
          await get().refreshAssets();
        } catch (error) {
          set({ libraryNotice: { tone: 'bad', text: errorMessage(error) } });
        }
      },
      async emptyTrash() {
        try {
          const { deleted } = await api.invoke('trash.empty', {});
          set({
            libraryNotice: {
              tone: 'ok',
              text: `Emptied the trash: ${plural(deleted, 'asset')} forgotten.`,
            },
          });
          await get().refreshAssets();
        } catch (error) {
          await stoppedOrFailed(error);
        }
      },
      setLibraryNotice: (libraryNotice) => set({ libraryNotice }),
    };
  };
