import { useCallback, type KeyboardEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Asset } from '../../../shared/contract';
import type { SelectMode } from '../../store/selection';
import { useDailies } from '../../store/store-context';

/** The focused list's geometry: how far a key moves, and how to bring an index into view. */
export interface ListGeometry {
  /** Items one Up/Down press moves (1 in the list, a row of cards in the grid). */
  lineStep: number;
  /** Items one Page Up/Down press moves. */
  pageStep: number;
  scrollIntoView(index: number): void;
}

/**
 * What the list and the grid share: selection by click and key, the filmstrip under the
 * arrow keys, and the actions on the selection. In the list Left/Right scrub the focused
 * asset's filmstrip; in the grid (where Left/Right move between cards) Alt+Left/Right do.
 * Space selects, Enter edits, Ctrl/Cmd+Enter sends, Ctrl/Cmd+A selects what is loaded,
 * Delete moves to the trash, Escape puts the thumbnail back.
 */
export function useAssetListKeys(
  geometry: ListGeometry,
  options: { onEdit: () => void; focusList: () => void; horizontal: boolean },
) {
  const { assets, selectedIds, focusedId, mode } = useDailies(
    useShallow((s) => ({
      assets: s.assets,
      selectedIds: s.selectedIds,
      focusedId: s.focusedId,
      mode: s.libraryMode,
    })),
  );
  const selectAsset = useDailies((s) => s.selectAsset);
  const focusAsset = useDailies((s) => s.focusAsset);
  const selectAll = useDailies((s) => s.selectAllAssets);
  const removeAssets = useDailies((s) => s.removeAssets);
  const sendToPlatform = useDailies((s) => s.sendToPlatform);
  const scrubBy = useDailies((s) => s.scrubBy);
  const endScrub = useDailies((s) => s.endScrub);

  const indexOf = useCallback(
    (id: number | null) => (id === null ? -1 : assets.findIndex((a) => a.id === id)),
    [assets],
  );

  const moveTo = (index: number, how: SelectMode | 'focus') => {
    const target = assets[Math.max(0, Math.min(assets.length - 1, index))];
    if (!target) return;
    if (how === 'focus') focusAsset(target.id);
    else selectAsset(target.id, how);
    geometry.scrollIntoView(indexOf(target.id));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    const current = indexOf(focusedId);
    const focused = current >= 0 ? assets[current] : undefined;
    const how: SelectMode | 'focus' = event.shiftKey ? 'range' : mod ? 'focus' : 'single';
    const step = (delta: number) => {
      event.preventDefault();
      moveTo(current < 0 ? 0 : current + delta, how);
    };
    const scrub = (delta: number) => {
      if (!focused) return;
      event.preventDefault();
      void scrubBy(focused, delta);
    };
    const horizontalScrub = !options.horizontal || event.altKey;
    switch (event.key) {
      case 'ArrowDown':
        return step(geometry.lineStep);
      case 'ArrowUp':
        return step(-geometry.lineStep);
      case 'ArrowRight':
        return horizontalScrub ? scrub(1) : step(1);
      case 'ArrowLeft':
        return horizontalScrub ? scrub(-1) : step(-1);
      case 'PageDown':
        return step(geometry.pageStep);
      case 'PageUp':
        return step(-geometry.pageStep);
      case 'Home':
        event.preventDefault();
        return moveTo(0, how);
      case 'End':
        event.preventDefault();
        return moveTo(assets.length - 1, how);
      case 'Escape':
        return endScrub();
      case ' ':
        if (focusedId === null) return;
        event.preventDefault();
        return selectAsset(focusedId, mod ? 'toggle' : 'single');
      case 'Enter':
        if (selectedIds.length === 0) return;
        event.preventDefault();
        if (mod && mode === 'library') return void sendToPlatform(selectedIds);
        return options.onEdit();
      case 'Delete':
      case 'Backspace':
        if (mode !== 'library' || selectedIds.length === 0) return;
        event.preventDefault();
        return void removeAssets(selectedIds);
      case 'a':
      case 'A':
        if (!mod) return;
        event.preventDefault();
        return selectAll();
    }
  };

  const onItemClick = (asset: Asset, event: MouseEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    selectAsset(
      asset.id,
      event.shiftKey ? (mod ? 'range-add' : 'range') : mod ? 'toggle' : 'single',
    );
    options.focusList();
  };

  const onListFocus = (event: React.FocusEvent<HTMLElement>) => {
    if (event.target === event.currentTarget && focusedId === null && assets[0]) {
      focusAsset(assets[0].id);
    }
  };

  return { assets, selectedIds, focusedId, mode, indexOf, onKeyDown, onItemClick, onListFocus };
}
