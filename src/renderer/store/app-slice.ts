import type { AppInfo, DailiesApi } from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Slice } from './slice';

export interface AppSlice {
  /** What the engine says of itself; null until the first answer. */
  appInfo: AppInfo | null;
  appInfoError: string | null;
  loadAppInfo(): Promise<void>;
}

export const createAppSlice =
  (api: DailiesApi): Slice<AppSlice> =>
  (set) => ({
    appInfo: null,
    appInfoError: null,
    async loadAppInfo() {
      try {
        const appInfo = await api.invoke('app.info', {});
        set({ appInfo, appInfoError: null });
      } catch (error) {
        set({ appInfoError: errorMessage(error) });
      }
    },
  });
