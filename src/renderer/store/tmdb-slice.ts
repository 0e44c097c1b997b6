import type {
  DailiesApi,
  MethodInput,
  TmdbCandidateList,
  TmdbField,
  TmdbKind,
  TmdbLanguage,
  TmdbStatus,
  TmdbSuggestions,
} from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Notice } from './notice';
import type { Slice } from './slice';
import { tmdbProblemOf, type TmdbProblem } from './tmdb-errors';

/** One TMDB item the editor picked (or the lookup preselected) for an asset. */
export interface TmdbPick {
  tmdbId: number;
  kind: TmdbKind;
}

/** What the editor typed in the search form; the engine fills in the asset's own title. */
export type TmdbSearch = Omit<MethodInput<'tmdb.lookup'>, 'assetId'>;

export type TmdbLookupState =
  | { kind: 'loading' }
  | { kind: 'loaded'; list: TmdbCandidateList }
  | { kind: 'failed'; problem: TmdbProblem };

export type TmdbSuggestionsState =
  | { kind: 'loading'; pick: TmdbPick; language: TmdbLanguage | null }
  | {
      kind: 'loaded';
      pick: TmdbPick;
      language: TmdbLanguage | null;
      suggestions: TmdbSuggestions;
    }
  | { kind: 'failed'; pick: TmdbPick; language: TmdbLanguage | null; problem: TmdbProblem };

/** The outcome of the last Accept on an asset: what was written, what was refused and why. */
export interface TmdbApplyNotice extends Notice {
  /** The accept wrote an edit, so Undo takes it back. */
  undoable: boolean;
}

export interface TmdbSlice {
  tmdbStatus: TmdbStatus | null;
  tmdbStatusError: string | null;
  /** The last token action's outcome, for the Account view. */
  tmdbTokenNotice: Notice | null;
  tmdbLookups: Record<number, TmdbLookupState>;
  tmdbSuggestions: Record<number, TmdbSuggestionsState>;
  tmdbApplyNotices: Record<number, TmdbApplyNotice>;
  loadTmdbStatus(): Promise<void>;
  /** The value goes to the engine and is forgotten here; resolves true when stored. */
  setTmdbToken(value: string): Promise<boolean>;
  clearTmdbToken(): Promise<void>;
  lookupTmdb(assetId: number, search: TmdbSearch): Promise<void>;
  /** Candidates a bulk job (or an earlier lookup) collected; nothing is fetched from TMDB. */
  loadTmdbCandidates(assetId: number): Promise<void>;
  /** Shows the item's suggestions beside the asset's values; nothing is applied. */
  pickTmdb(assetId: number, pick: TmdbPick, language?: TmdbLanguage): Promise<void>;
  /** Accepts these fields as one edit; a field changed since the suggestions were read is refused. */
  applyTmdb(assetId: number, fields: TmdbField[]): Promise<void>;
  undoTmdb(assetId: number): Promise<void>;
}

const fieldWords: Record<TmdbField, string> = {
  title: 'title',
  overview: 'overview',
  ageRating: 'age rating',
};

const listWords = (fields: TmdbField[]) => {
  const words = fields.map((field) => fieldWords[field]);
  return words.length < 2
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
};

/** The values the editor saw when accepting; the engine refuses a field that differs now. */
function expectedOf(suggestions: TmdbSuggestions, fields: TmdbField[]) {
  return {
    ...(fields.includes('title') ? { title: suggestions.title.current } : {}),
    ...(fields.includes('overview') ? { overview: suggestions.overview.current } : {}),
    ...(fields.includes('ageRating') ? { ageRating: suggestions.ageRating.current } : {}),
  };
}

export const createTmdbSlice =
  (api: DailiesApi): Slice<TmdbSlice> =>
  (set, get) => {
    const patch = <K extends 'tmdbLookups' | 'tmdbSuggestions' | 'tmdbApplyNotices'>(
      key: K,
      assetId: number,
      value: TmdbSlice[K][number] | null,
    ) => {
      const next = { ...get()[key] } as Record<number, unknown>;
      if (value === null) delete next[assetId];
      else next[assetId] = value;
      set({ [key]: next } as Partial<TmdbSlice>);
    };

    // Answers to an older search or pick must not replace a newer one.
    const latest = new Map<string, number>();
    let counter = 0;
    const begin = (key: string) => {
      counter += 1;
      latest.set(key, counter);
      const mine = counter;
      return () => latest.get(key) === mine;
    };

    const showList = (assetId: number, list: TmdbCandidateList) => {
      patch('tmdbLookups', assetId, { kind: 'loaded', list });
      const pick = list.preselected ?? list.linked;
      // A single confident match (or the item linked before) is shown, never applied.
      if (pick) void get().pickTmdb(assetId, pick);
      else patch('tmdbSuggestions', assetId, null);
    };

    return {
      tmdbStatus: null,
      tmdbStatusError: null,
      tmdbTokenNotice: null,
      tmdbLookups: {},
      tmdbSuggestions: {},
      tmdbApplyNotices: {},

      async loadTmdbStatus() {
        try {
          set({ tmdbStatus: await api.invoke('tmdb.status', {}), tmdbStatusError: null });
        } catch (error) {
          set({ tmdbStatusError: errorMessage(error) });
        }
      },

      async setTmdbToken(value) {
        try {
          const tmdbStatus = await api.invoke('tmdb.setToken', { value });
          set({ tmdbStatus, tmdbTokenNotice: { tone: 'ok', text: 'Stored the TMDB token.' } });
          return true;
        } catch (error) {
          set({ tmdbTokenNotice: { tone: 'bad', text: errorMessage(error) } });
          return false;
        }
      },

      async clearTmdbToken() {
        try {
          const { removed, ...tmdbStatus } = await api.invoke('tmdb.clearToken', {});
          set({
            tmdbStatus,
            tmdbTokenNotice: {
              tone: 'ok',
              text: removed ? 'Deleted the TMDB token.' : 'No stored TMDB token to delete.',
            },
          });
        } catch (error) {
          set({ tmdbTokenNotice: { tone: 'bad', text: errorMessage(error) } });
        }
      },

      async lookupTmdb(assetId, search) {
        const current = begin(`lookup-${assetId}`);
        patch('tmdbLookups', assetId, { kind: 'loading' });
        patch('tmdbApplyNotices', assetId, null);
        try {
          const list = await api.invoke('tmdb.lookup', { assetId, ...search });
          if (current()) showList(assetId, list);
        } catch (error) {
          if (current())
            patch('tmdbLookups', assetId, { kind: 'failed', problem: tmdbProblemOf(error) });
        }
      },

      async loadTmdbCandidates(assetId) {
        const current = begin(`lookup-${assetId}`);
        try {
          const list = await api.invoke('tmdb.candidates', { assetId });
          if (!current()) return;
          if (list) showList(assetId, list);
          else patch('tmdbLookups', assetId, null);
        } catch {
          // Only kept answers were asked for: the search form is there either way, and a
          // search says what is wrong when the editor asks for one.
          if (current()) patch('tmdbLookups', assetId, null);
        }
      },

      async pickTmdb(assetId, pick, language) {
        const current = begin(`pick-${assetId}`);
        const lang = language ?? null;
        patch('tmdbSuggestions', assetId, { kind: 'loading', pick, language: lang });
        try {
          const suggestions = await api.invoke('tmdb.suggestions', {
            assetId,
            ...pick,
            ...(language ? { language } : {}),
          });
          if (current())
            patch('tmdbSuggestions', assetId, {
              kind: 'loaded',
              pick,
              language: lang,
              suggestions,
            });
        } catch (error) {
          if (current())
            patch('tmdbSuggestions', assetId, {
              kind: 'failed',
              pick,
              language: lang,
              problem: tmdbProblemOf(error),
            });
        }
      },

      async applyTmdb(assetId, fields) {
        const shown = get().tmdbSuggestions[assetId];
        if (shown?.kind !== 'loaded' || fields.length === 0) return;
        const { suggestions, pick, language } = shown;
        try {
          const result = await api.invoke('tmdb.apply', {
            assetId,
            ...pick,
            fields,
            expected: expectedOf(suggestions, fields),
            ...(language ? { language } : {}),
          });
          const refused = result.refused.map((r) => `${fieldWords[r.field]}: ${r.message}`);
          const parts = [
            result.applied.length > 0 ? `Accepted the ${listWords(result.applied)} from TMDB.` : '',
            refused.length > 0 ? `Not accepted: ${refused.join(' ')}` : '',
          ].filter(Boolean);
          patch('tmdbApplyNotices', assetId, {
            tone: refused.length > 0 ? 'bad' : 'ok',
            text: parts.join(' '),
            undoable: result.applied.length > 0,
          });
          const asset = await api.invoke('assets.get', { id: assetId }).catch(() => null);
          if (asset) get().replaceAssets([asset]);
          void get().loadHistory(assetId);
          // The current values changed (or were found changed): show them beside TMDB's again.
          void get().pickTmdb(assetId, pick, language ?? undefined);
        } catch (error) {
          patch('tmdbApplyNotices', assetId, {
            tone: 'bad',
            text: tmdbProblemOf(error).message,
            undoable: false,
          });
        }
      },

      async undoTmdb(assetId) {
        await get().undoAsset(assetId);
        const outcome = get().libraryNotice;
        patch('tmdbApplyNotices', assetId, {
          tone: outcome?.tone === 'bad' ? 'bad' : 'ok',
          text: outcome?.tone === 'bad' ? outcome.text : 'Undid the accepted suggestions.',
          undoable: false,
        });
        const shown = get().tmdbSuggestions[assetId];
        if (shown) void get().pickTmdb(assetId, shown.pick, shown.language ?? undefined);
      },
    };
  };
