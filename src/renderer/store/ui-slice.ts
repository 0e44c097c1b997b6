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
  showView(view: ViewId): void;
  setLibraryLayout(layout: LibraryLayout): void;
  setShortcutsOpen(open: boolean): void;
}

export const createUiSlice = (): Slice<UiSlice> => (set) => ({
  view: 'library',
  libraryLayout: 'list',
  shortcutsOpen: false,
  showView: (view) => set({ view }),
  setLibraryLayout: (libraryLayout) => set({ libraryLayout }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
});
