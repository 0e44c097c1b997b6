import type { Slice } from './slice';

export const viewIds = ['library', 'queue', 'analysis', 'account', 'settings'] as const;
export type ViewId = (typeof viewIds)[number];

export interface UiSlice {
  view: ViewId;
  showView(view: ViewId): void;
}

export const createUiSlice = (): Slice<UiSlice> => (set) => ({
  view: 'library',
  showView: (view) => set({ view }),
});
