import type { DesktopBridge } from '../../shared/desktop-ipc';
import type { Slice } from './slice';

export const viewIds = ['library', 'queue', 'analysis', 'account', 'settings'] as const;
export type ViewId = (typeof viewIds)[number];

/** The library as rows of facts or as cards of large thumbnails. */
export type LibraryLayout = 'list' | 'grid';

export interface UiSlice {
  view: ViewId;
  libraryLayout: LibraryLayout;
  /** The keyboard shortcuts overlay (`?`). */
  shortcutsOpen: boolean;
  /** A downloaded update waiting for Restart to Update (desktop app), or null. */
  updateReady: string | null;
  showView(view: ViewId): void;
  setLibraryLayout(layout: LibraryLayout): void;
  setShortcutsOpen(open: boolean): void;
  setUpdateReady(version: string): void;
  /** True where the window can install the update itself (the desktop app). */
  canRestartToUpdate: boolean;
  restartToUpdate(): Promise<void>;
}

export const createUiSlice =
  (desktop: DesktopBridge | null): Slice<UiSlice> =>
  (set) => ({
    view: 'library',
    libraryLayout: 'list',
    shortcutsOpen: false,
    updateReady: null,
    showView: (view) => set({ view }),
    setLibraryLayout: (libraryLayout) => set({ libraryLayout }),
    setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
    setUpdateReady: (updateReady) => set({ updateReady }),
    canRestartToUpdate: typeof desktop?.restartToUpdate === 'function',
    async restartToUpdate() {
      // Main asks about running uploads and quits; nothing to show unless it could not.
      const result = await desktop?.restartToUpdate?.();
      if (result && result.ok && !result.value) set({ updateReady: null });
    },
  });
