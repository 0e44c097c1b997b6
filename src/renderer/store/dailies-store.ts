import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DailiesApi } from '../../shared/contract';
import { createAccountSlice } from './account-slice';
import { createAppSlice } from './app-slice';
import { createSettingsSlice } from './settings-slice';
import type { DailiesState } from './slice';
import { createUiSlice } from './ui-slice';

export type DailiesStore = StoreApi<DailiesState>;

/** One store per window, built from its slices around the API it talks to. */
export function createDailiesStore(api: DailiesApi): DailiesStore {
  return createStore<DailiesState>()((...a) => ({
    ...createAppSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createUiSlice()(...a),
    ...createAccountSlice(api)(...a),
  }));
}

/**
 * Loads what the shell shows and follows the engine's events. A settings change may point
 * at another ffmpeg, so app info is read again. Returns the unsubscribe.
 */
export function connectStore(store: DailiesStore, api: DailiesApi): () => void {
  const state = store.getState();
  void state.loadAppInfo();
  void state.loadSettings();
  void state.loadProfiles();
  return api.subscribe('settings.changed', (settings) => {
    store.getState().settingsChanged(settings);
    void store.getState().loadAppInfo();
  });
}
