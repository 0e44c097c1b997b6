import type {
  Asset,
  AssetFilters,
  AssetPage,
  AssetSort,
  AssetsChanged,
  DailiesApi,
} from '../../shared/contract';
import type { StillUrl } from '../../shared/media-urls';
import { errorMessage } from './error-message';
import { defaultQuery, PAGE_SIZE, searchInput, type LibraryQuery } from './library-query';
import { nextSelection, pruneSelection, type SelectMode } from './selection';
import type { Slice } from './slice';

export type LibraryMode = 'library' | 'trash';

export { PAGE_SIZE, type LibraryQuery };

export interface LibrarySlice {
  /** The catalog, or what is in the trash. */
  libraryMode: LibraryMode;
  libraryQuery: LibraryQuery;
  /** Rows loaded so far, in list order; more arrive page by page as the editor scrolls. */
  assets: Asset[];
  assetsCursor: string | null;
  /** Matches in all, counted with the first page. */
  assetsTotal: number | null;
  assetsLoading: boolean;
  assetsError: string | null;
  selectedIds: number[];
  anchorId: number | null;
  focusedId: number | null;
  /** How an <img> reaches an asset's stills through this window's host. */
  stillUrl: StillUrl;
  setLibraryMode(mode: LibraryMode): void;
  setQueryText(text: string): void;
  setFilters(filters: AssetFilters): void;
  setSort(sort: AssetSort): void;
  /** The first page for the current mode and query; drops what was loaded. */
  loadAssets(): Promise<void>;
  /** The next keyset page, when there is one and none is on its way. */
  loadMoreAssets(): Promise<void>;
  /** Reads as many rows again as are loaded, keeping the selection where it can. */
  refreshAssets(): Promise<void>;
  /** The engine's assets.changed event. */
  assetsChanged(change: AssetsChanged): Promise<void>;
  /** Puts fresh copies of assets into the list (after a save, an undo). */
  replaceAssets(assets: Asset[]): void;
  selectAsset(id: number, mode: SelectMode): void;
  focusAsset(id: number): void;
  selectAllAssets(): void;
  /** Selects exactly these assets (the ones a send left out, say). */
  selectIds(ids: number[]): void;
  clearSelection(): void;
}

const MAX_PAGE = 500;

export const createLibrarySlice =
  (api: DailiesApi, stillUrl: StillUrl): Slice<LibrarySlice> =>
  (set, get) => {
    // Answers to an older query (the editor typed on) must not overwrite a newer one.
    let generation = 0;
    let loadingMore = false;

    const fetchPage = (limit: number, cursor: string | null, includeTotal: boolean) => {
      const { libraryMode, libraryQuery } = get();
      if (libraryMode === 'trash') return api.invoke('assets.trash', { limit, cursor });
      return api.invoke('assets.search', searchInput(libraryQuery, limit, cursor, includeTotal));
    };

    const takePage = (page: AssetPage, mine: number, keepTotal: boolean) => {
      if (mine !== generation) return;
      const state = get();
      const order = page.items.map((asset) => asset.id);
      set({
        assets: page.items,
        assetsCursor: page.nextCursor,
        assetsTotal: keepTotal ? state.assetsTotal : page.total,
        assetsLoading: false,
        assetsError: null,
        ...pruneSelection(state, order),
      });
    };

    const requery = (patch: Partial<LibrarySlice>) => {
      set(patch);
      void get().loadAssets();
    };

    return {
      libraryMode: 'library',
      libraryQuery: defaultQuery,
      assets: [],
      assetsCursor: null,
      assetsTotal: null,
      assetsLoading: false,
      assetsError: null,
      selectedIds: [],
      anchorId: null,
      focusedId: null,
      stillUrl,
      setLibraryMode: (libraryMode) =>
        requery({ libraryMode, selectedIds: [], anchorId: null, focusedId: null }),
      setQueryText: (text) => requery({ libraryQuery: { ...get().libraryQuery, text } }),
      setFilters: (filters) => requery({ libraryQuery: { ...get().libraryQuery, filters } }),
      setSort: (sort) => requery({ libraryQuery: { ...get().libraryQuery, sort } }),

      async loadAssets() {
        const mine = ++generation;
        loadingMore = false;
        set({ assetsLoading: true });
        try {
          takePage(await fetchPage(PAGE_SIZE, null, true), mine, false);
        } catch (error) {
          if (mine === generation) {
            set({
              assets: [],
              assetsCursor: null,
              assetsLoading: false,
              assetsError: errorMessage(error),
            });
          }
        }
      },

      async loadMoreAssets() {
        const { assetsCursor } = get();
        if (!assetsCursor || loadingMore) return;
        loadingMore = true;
        const mine = generation;
        try {
          const page = await fetchPage(PAGE_SIZE, assetsCursor, false);
          if (mine !== generation) return;
          const seen = new Set(get().assets.map((asset) => asset.id));
          set({
            assets: [...get().assets, ...page.items.filter((asset) => !seen.has(asset.id))],
            assetsCursor: page.nextCursor,
          });
        } catch (error) {
          if (mine === generation) set({ assetsError: errorMessage(error) });
        } finally {
          if (mine === generation) loadingMore = false;
        }
      },

      async refreshAssets() {
        const mine = ++generation;
        loadingMore = false;
        const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, get().assets.length));
        try {
          takePage(await fetchPage(limit, null, true), mine, false);
        } catch (error) {
          if (mine === generation) set({ assetsError: errorMessage(error) });
        }
      },

      async assetsChanged(change) {
        const listed = new Set(get().assets.map((asset) => asset.id));
        const shown = change.ids.filter((id) => listed.has(id));
        if (change.reason === 'updated' && shown.length <= 20) {
          // Edits keep their row: read just those assets again.
          const fresh = await Promise.all(
            shown.map((id) => api.invoke('assets.get', { id }).catch(() => null)),
          );
          get().replaceAssets(fresh.filter((asset): asset is Asset => asset !== null));
          return;
        }
        await get().refreshAssets();
      },

      replaceAssets(fresh) {
        if (fresh.length === 0) return;
        const byId = new Map(fresh.map((asset) => [asset.id, asset]));
        set({ assets: get().assets.map((asset) => byId.get(asset.id) ?? asset) });
      },

      selectAsset(id, mode) {
        const state = get();
        set(
          nextSelection(
            state,
            state.assets.map((asset) => asset.id),
            id,
            mode,
          ),
        );
      },
      focusAsset: (focusedId) => set({ focusedId }),
      selectAllAssets() {
        const ids = get().assets.map((asset) => asset.id);
        set({ selectedIds: ids, anchorId: ids[0] ?? null });
      },
      selectIds: (ids) =>
        set({ selectedIds: [...ids], anchorId: ids[0] ?? null, focusedId: ids[0] ?? null }),
      clearSelection: () => set({ selectedIds: [], anchorId: null }),
    };
  };
