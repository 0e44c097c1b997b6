import type { AppInfo, DailiesApi } from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Notice } from './notice';
import type { Slice } from './slice';

export interface AppSlice {
  /** What the engine says of itself; null until the first answer. */
  appInfo: AppInfo | null;
  appInfoError: string | null;
  loadAppInfo(): Promise<void>;
  /** The outcome of the last support bundle export, for a live region. */
  supportNotice: Notice | null;
  supportExporting: boolean;
  /**
   * Writes a support bundle (app.supportBundle) and, in a browser, downloads it; the notice
   * says where it is.
   */
  exportSupportBundle(): Promise<void>;
}

/** The host's way to hand a bundle to the editor (HostServices.downloadSupportBundle). */
export interface SupportDownload {
  downloadSupportBundle: ((file: string) => Promise<void>) | null;
}

export const createAppSlice =
  (api: DailiesApi, host: SupportDownload): Slice<AppSlice> =>
  (set) => ({
    appInfo: null,
    appInfoError: null,
    supportNotice: null,
    supportExporting: false,
    async loadAppInfo() {
      try {
        const appInfo = await api.invoke('app.info', {});
        set({ appInfo, appInfoError: null });
      } catch (error) {
        set({ appInfoError: errorMessage(error) });
      }
    },
    async exportSupportBundle() {
      set({ supportExporting: true, supportNotice: null });
      try {
        const bundle = await api.invoke('app.supportBundle', {});
        if (host.downloadSupportBundle) {
          await host.downloadSupportBundle(bundle.file);
          set({
            supportNotice: {
              tone: 'ok',
              text: `Support bundle downloaded (a copy stays in ${bundle.file}). Attach it to your message to support.`,
            },
          });
        } else {
          set({
            supportNotice: {
              tone: 'ok',
              text: `Support bundle saved to ${bundle.file}. Attach it to your message to support.`,
            },
          });
        }
      } catch (error) {
        set({ supportNotice: { tone: 'bad', text: errorMessage(error) } });
      } finally {
        set({ supportExporting: false });
      }
    },
  });
