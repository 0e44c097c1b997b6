import type { DailiesApi, IngestProgress, IngestReport } from '../../shared/contract';
import type { DesktopBridge } from '../../shared/desktop-ipc';
import { errorMessage } from './error-message';
import type { Slice } from './slice';

export interface IngestSlice {
  /** The latest progress of a batch (ours or a watch folder's); null when none ran. */
  ingestProgress: IngestProgress | null;
  /** The report of the last batch this window started, problems included. */
  ingestReport: IngestReport | null;
  ingestError: string | null;
  ingestRunning: boolean;
  /** True where a native file picker exists (the desktop app). */
  canPickFiles: boolean;
  /** Paths of files dropped on the window, where the host can tell them (the desktop app). */
  pathsOfDroppedFiles(files: readonly unknown[]): string[] | null;
  addPaths(paths: string[]): Promise<IngestReport | null>;
  pickAndAdd(what: 'files' | 'folder'): Promise<void>;
  ingestProgressed(progress: IngestProgress): void;
  dismissIngest(): void;
}

export const createIngestSlice =
  (api: DailiesApi, desktop: DesktopBridge | null): Slice<IngestSlice> =>
  (set, get) => ({
    ingestProgress: null,
    ingestReport: null,
    ingestError: null,
    ingestRunning: false,
    canPickFiles: desktop !== null,
    pathsOfDroppedFiles(files) {
      if (!desktop) return null;
      return files.map((file) => desktop.pathForFile(file)).filter((p): p is string => !!p);
    },
    async addPaths(paths) {
      const clean = paths.map((p) => p.trim()).filter((p) => p.length > 0);
      if (clean.length === 0) return null;
      set({ ingestRunning: true, ingestError: null, ingestReport: null });
      try {
        const report = await api.invoke('assets.addPaths', { paths: clean });
        set({ ingestReport: report, ingestRunning: false });
        return report;
      } catch (error) {
        set({ ingestError: errorMessage(error), ingestRunning: false });
        return null;
      }
    },
    async pickAndAdd(what) {
      if (!desktop) return;
      const title = what === 'files' ? 'Add video files' : 'Add a folder of videos';
      const picked =
        what === 'files' ? await desktop.pickFiles({ title }) : await desktop.pickFolder({ title });
      if (!picked.ok) {
        set({ ingestError: picked.error.message });
        return;
      }
      const paths = Array.isArray(picked.value) ? picked.value : picked.value ? [picked.value] : [];
      await get().addPaths(paths);
    },
    ingestProgressed: (ingestProgress) => set({ ingestProgress }),
    dismissIngest: () => set({ ingestReport: null, ingestError: null, ingestProgress: null }),
  });
