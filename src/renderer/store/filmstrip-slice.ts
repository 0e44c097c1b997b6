import type { Asset } from '../../shared/contract';
import { filmstripIndexSchema, type FilmstripIndex } from '../../shared/contract/media';
import type { Slice } from './slice';

/** An asset's filmstrip index as this window knows it: on its way, read, or not there. */
export type FilmstripEntry =
  | { version: number; state: 'loading' }
  | { version: number; state: 'ready'; index: FilmstripIndex }
  | { version: number; state: 'missing' };

/** Which tile of which asset's filmstrip shows in place of its thumbnail. */
export interface Scrub {
  assetId: number;
  tile: number;
}

export interface FilmstripSlice {
  filmstrips: Record<number, FilmstripEntry>;
  scrub: Scrub | null;
  /** Reads the asset's filmstrip.json once per stills version; null when it has none. */
  loadFilmstrip(asset: Asset): Promise<FilmstripIndex | null>;
  /** Shows the tile at `fraction` (0 to 1) of the clip: the pointer over a thumbnail. */
  scrubAt(asset: Asset, fraction: number): Promise<void>;
  /** Steps through the tiles: an arrow key on a focused thumbnail. */
  scrubBy(asset: Asset, delta: number): Promise<void>;
  endScrub(assetId?: number): void;
}

/** The filmstrip of one asset in a window: read the index once, then move over its tiles. */
export const createFilmstripSlice = (): Slice<FilmstripSlice> => (set, get) => {
  const inFlight = new Map<string, Promise<FilmstripIndex | null>>();

  const read = async (asset: Asset, version: number): Promise<FilmstripIndex | null> => {
    try {
      const response = await fetch(get().stillUrl(asset.id, 'filmstripIndex', version));
      if (!response.ok) return null;
      const parsed = filmstripIndexSchema.safeParse(await response.json());
      return parsed.success && parsed.data.tiles.length > 0 ? parsed.data : null;
    } catch {
      return null;
    }
  };

  const tileCount = (asset: Asset) => {
    const entry = get().filmstrips[asset.id];
    return entry?.state === 'ready' ? entry.index.tiles.length : 0;
  };

  return {
    filmstrips: {},
    scrub: null,

    loadFilmstrip(asset) {
      const stills = asset.stills;
      if (!stills?.filmstrip) return Promise.resolve(null);
      const known = get().filmstrips[asset.id];
      if (known?.version === stills.version) {
        if (known.state === 'ready') return Promise.resolve(known.index);
        if (known.state === 'missing') return Promise.resolve(null);
      }
      const key = `${asset.id}:${stills.version}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      set({
        filmstrips: {
          ...get().filmstrips,
          [asset.id]: { version: stills.version, state: 'loading' },
        },
      });
      const promise = read(asset, stills.version).then((index) => {
        inFlight.delete(key);
        const entry: FilmstripEntry = index
          ? { version: stills.version, state: 'ready', index }
          : { version: stills.version, state: 'missing' };
        set({ filmstrips: { ...get().filmstrips, [asset.id]: entry } });
        return index;
      });
      inFlight.set(key, promise);
      return promise;
    },

    async scrubAt(asset, fraction) {
      // Synchronous once the index is known: a pointer that has left meanwhile must not
      // have its last move land after the leave.
      const entry = get().filmstrips[asset.id];
      const index =
        entry?.state === 'ready' && entry.version === asset.stills?.version
          ? entry.index
          : await get().loadFilmstrip(asset);
      if (!index) return;
      const count = index.tiles.length;
      const tile = Math.min(count - 1, Math.max(0, Math.floor(fraction * count)));
      const scrub = get().scrub;
      if (scrub?.assetId !== asset.id || scrub.tile !== tile)
        set({ scrub: { assetId: asset.id, tile } });
    },

    async scrubBy(asset, delta) {
      const index = await get().loadFilmstrip(asset);
      if (!index) return;
      const scrub = get().scrub;
      const from = scrub?.assetId === asset.id ? scrub.tile : delta > 0 ? -1 : tileCount(asset);
      const tile = Math.min(index.tiles.length - 1, Math.max(0, from + delta));
      set({ scrub: { assetId: asset.id, tile } });
    },

    endScrub(assetId) {
      const scrub = get().scrub;
      if (scrub && (assetId === undefined || scrub.assetId === assetId)) set({ scrub: null });
    },
  };
};
