import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DailiesStore } from './dailies-store';
import type { DailiesState } from './slice';

const StoreContext = createContext<DailiesStore | null>(null);

export function StoreProvider({ store, children }: { store: DailiesStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/**
 * Reads from the window's store. Select one field, or wrap an object selector in
 * useShallow, so a component re-renders only when what it shows changes.
 */
export function useDailies<T>(selector: (state: DailiesState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useDailies needs a StoreProvider above it.');
  return useStore(store, selector);
}
