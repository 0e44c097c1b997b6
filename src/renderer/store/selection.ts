/** How a click or key press changes a multi-selection, as file managers do it. */
export type SelectMode = 'single' | 'toggle' | 'range' | 'range-add';

export interface Selection {
  selectedIds: number[];
  /** Where a shift-range starts: the last item clicked without shift. */
  anchorId: number | null;
  /** The item the keyboard is on. */
  focusedId: number | null;
}

/** The selection after choosing `id` in `order` (the ids as listed) with `mode`. */
export function nextSelection(
  current: Selection,
  order: readonly number[],
  id: number,
  mode: SelectMode,
): Selection {
  switch (mode) {
    case 'single':
      return { selectedIds: [id], anchorId: id, focusedId: id };
    case 'toggle': {
      const has = current.selectedIds.includes(id);
      return {
        selectedIds: has
          ? current.selectedIds.filter((other) => other !== id)
          : [...current.selectedIds, id],
        anchorId: id,
        focusedId: id,
      };
    }
    case 'range':
    case 'range-add': {
      const anchor = current.anchorId ?? id;
      const from = order.indexOf(anchor);
      const to = order.indexOf(id);
      if (from < 0 || to < 0) return { selectedIds: [id], anchorId: id, focusedId: id };
      const range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
      const selectedIds =
        mode === 'range' ? range : [...new Set([...current.selectedIds, ...range])];
      return { selectedIds, anchorId: anchor, focusedId: id };
    }
  }
}

/** Keeps only the ids still listed (after a refresh or a removal). */
export function pruneSelection(current: Selection, order: readonly number[]): Selection {
  const listed = new Set(order);
  return {
    selectedIds: current.selectedIds.filter((id) => listed.has(id)),
    anchorId: current.anchorId !== null && listed.has(current.anchorId) ? current.anchorId : null,
    focusedId:
      current.focusedId !== null && listed.has(current.focusedId) ? current.focusedId : null,
  };
}
