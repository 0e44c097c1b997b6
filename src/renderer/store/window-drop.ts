import type { DailiesStore } from './dailies-store';

/** The DragEvent fields the window's drop handling reads. */
export interface WindowDragEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  target: unknown;
  dataTransfer: { types: readonly string[]; files: ArrayLike<unknown>; dropEffect: string } | null;
}

export interface DropTarget {
  addEventListener(type: 'dragover' | 'drop', listener: (event: WindowDragEvent) => void): void;
  removeEventListener(type: 'dragover' | 'drop', listener: (event: WindowDragEvent) => void): void;
}

/** The library handles drops on itself (its own highlight, and a note in a browser). */
const LIBRARY = '.library';

const insideLibrary = (target: unknown): boolean =>
  typeof (target as Element | null)?.closest === 'function' &&
  (target as Element).closest(LIBRARY) !== null;

/**
 * Files and folders dropped anywhere on the window (the queue, settings, the sidebar) are
 * ingested like a drop on the library: the window switches to the library and adds them
 * through the same store action as its Add buttons. Only where the host can tell the dropped
 * files' paths (the desktop app); elsewhere a drop outside the library does nothing.
 * Returns the unsubscribe.
 */
export function connectWindowDrop(store: DailiesStore, target: DropTarget): () => void {
  const carriesFiles = (event: WindowDragEvent): boolean =>
    !event.defaultPrevented &&
    !insideLibrary(event.target) &&
    (event.dataTransfer?.types.includes('Files') ?? false);

  const onDragOver = (event: WindowDragEvent): void => {
    if (!carriesFiles(event) || !store.getState().canPickFiles) return;
    // Without this the window refuses the drop.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (event: WindowDragEvent): void => {
    if (!carriesFiles(event) || !event.dataTransfer) return;
    event.preventDefault();
    const state = store.getState();
    const paths = state.pathsOfDroppedFiles(Array.from(event.dataTransfer.files));
    if (!paths || paths.length === 0) return;
    state.showView('library');
    void state.addPaths(paths);
  };

  target.addEventListener('dragover', onDragOver);
  target.addEventListener('drop', onDrop);
  return () => {
    target.removeEventListener('dragover', onDragOver);
    target.removeEventListener('drop', onDrop);
  };
}
