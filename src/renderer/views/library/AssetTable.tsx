import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Asset, AssetSort } from '../../../shared/contract';
import type { SelectMode } from '../../store/selection';
import { useDailies } from '../../store/store-context';
import { AssetThumb } from './AssetThumb';
import { formatDuration } from '../../components/format';
import { statusLabels } from './asset-labels';

export const ROW_HEIGHT = 52;
const OVERSCAN = 8;
/** Ask for the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 30;

interface Column {
  id: string;
  label: string;
  sort: AssetSort['field'] | null;
  className: string;
}

const columns: Column[] = [
  { id: 'thumb', label: 'Thumbnail', sort: null, className: 'col-thumb' },
  { id: 'title', label: 'Title', sort: 'title', className: 'col-title' },
  { id: 'duration', label: 'Duration', sort: 'durationSeconds', className: 'col-num' },
  { id: 'resolution', label: 'Res.', sort: 'resolutionClass', className: 'col-short' },
  { id: 'codec', label: 'Codec', sort: 'codec', className: 'col-short' },
  { id: 'status', label: 'Status', sort: 'status', className: 'col-status' },
  { id: 'contentId', label: 'Content id', sort: 'contentId', className: 'col-num' },
];

/**
 * The library as a virtualised grid: only the rows in view (and a few either side) are in
 * the DOM, so tens of thousands of assets scroll like ten. One focus stop for the whole
 * list (aria-activedescendant); arrows move, Shift extends, Ctrl/Cmd+click toggles,
 * Ctrl/Cmd+A selects what is loaded, Delete moves to the trash, Enter edits, Ctrl/Cmd+Enter
 * sends the selection to the platform.
 */
export function AssetTable({ onEdit }: { onEdit: () => void }) {
  const { assets, total, selectedIds, focusedId, sort, mode } = useDailies(
    useShallow((s) => ({
      assets: s.assets,
      total: s.assetsTotal,
      selectedIds: s.selectedIds,
      focusedId: s.focusedId,
      sort: s.libraryQuery.sort,
      mode: s.libraryMode,
    })),
  );
  const selectAsset = useDailies((s) => s.selectAsset);
  const focusAsset = useDailies((s) => s.focusAsset);
  const selectAll = useDailies((s) => s.selectAllAssets);
  const loadMore = useDailies((s) => s.loadMoreAssets);
  const setSort = useDailies((s) => s.setSort);
  const removeAssets = useDailies((s) => s.removeAssets);
  const sendToPlatform = useDailies((s) => s.sendToPlatform);
  const hasMore = useDailies((s) => s.assetsCursor !== null);

  const grid = useRef<HTMLDivElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(assets.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (hasMore && last + PREFETCH_ROWS >= assets.length) void loadMore();
  }, [hasMore, last, assets.length, loadMore]);

  const selected = new Set(selectedIds);
  const indexOf = useCallback(
    (id: number | null) => (id === null ? -1 : assets.findIndex((a) => a.id === id)),
    [assets],
  );

  const scrollIntoView = (index: number) => {
    const el = viewport.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    }
  };

  const moveTo = (index: number, how: SelectMode | 'focus') => {
    const target = assets[Math.max(0, Math.min(assets.length - 1, index))];
    if (!target) return;
    if (how === 'focus') focusAsset(target.id);
    else selectAsset(target.id, how);
    scrollIntoView(indexOf(target.id));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    const current = indexOf(focusedId);
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const how: SelectMode | 'focus' = event.shiftKey ? 'range' : mod ? 'focus' : 'single';
    const step = (delta: number) => {
      event.preventDefault();
      moveTo(current < 0 ? 0 : current + delta, how);
    };
    switch (event.key) {
      case 'ArrowDown':
        return step(1);
      case 'ArrowUp':
        return step(-1);
      case 'PageDown':
        return step(page);
      case 'PageUp':
        return step(-page);
      case 'Home':
        event.preventDefault();
        return moveTo(0, how);
      case 'End':
        event.preventDefault();
        return moveTo(assets.length - 1, how);
      case ' ':
        if (focusedId === null) return;
        event.preventDefault();
        return selectAsset(focusedId, mod ? 'toggle' : 'single');
      case 'Enter':
        if (selectedIds.length === 0) return;
        event.preventDefault();
        if (mod && mode === 'library') return void sendToPlatform(selectedIds);
        return onEdit();
      case 'a':
      case 'A':
        if (!mod) return;
        event.preventDefault();
        return selectAll();
    }
  };

  // Delete is handled apart from the switch so it can see the list's mode.
  const onKeyDownWithDelete = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.key === 'Delete' || event.key === 'Backspace') && mode === 'library') {
      if (selectedIds.length > 0) {
        event.preventDefault();
        void removeAssets(selectedIds);
      }
      return;
    }
    onKeyDown(event);
  };

  const onRowClick = (asset: Asset, event: MouseEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    selectAsset(
      asset.id,
      event.shiftKey ? (mod ? 'range-add' : 'range') : mod ? 'toggle' : 'single',
    );
    grid.current?.focus({ preventScroll: true });
  };

  const rowCount = total ?? assets.length;
  return (
    <div
      ref={grid}
      className="asset-grid"
      role="grid"
      tabIndex={0}
      aria-label={mode === 'trash' ? 'Assets in the trash' : 'Assets'}
      aria-multiselectable="true"
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      aria-activedescendant={
        focusedId !== null && indexOf(focusedId) >= 0 ? `asset-row-${focusedId}` : undefined
      }
      onKeyDown={onKeyDownWithDelete}
      onFocus={(event) => {
        if (event.target === event.currentTarget && focusedId === null && assets[0]) {
          focusAsset(assets[0].id);
        }
      }}
    >
      <div className="asset-row asset-head" role="row" aria-rowindex={1}>
        {columns.map((column) => (
          <div
            key={column.id}
            role="columnheader"
            className={column.className}
            aria-sort={
              column.sort && sort.field === column.sort
                ? sort.direction === 'asc'
                  ? 'ascending'
                  : 'descending'
                : undefined
            }
          >
            {column.sort && mode === 'library' ? (
              <button
                type="button"
                className="sort-button"
                onClick={() =>
                  setSort({
                    field: column.sort!,
                    direction:
                      sort.field === column.sort && sort.direction === 'asc' ? 'desc' : 'asc',
                  })
                }
              >
                {column.label}
                <span className="sort-mark" aria-hidden="true">
                  {sort.field === column.sort ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            ) : (
              <span className={column.id === 'thumb' ? 'visually-hidden' : undefined}>
                {column.label}
              </span>
            )}
          </div>
        ))}
      </div>
      <div
        ref={viewport}
        className="asset-viewport"
        role="rowgroup"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="asset-spacer" style={{ height: assets.length * ROW_HEIGHT }}>
          {assets.slice(first, last).map((asset, i) => {
            const index = first + i;
            return (
              <div
                key={asset.id}
                id={`asset-row-${asset.id}`}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selected.has(asset.id)}
                className={`asset-row${selected.has(asset.id) ? ' is-selected' : ''}${
                  asset.id === focusedId ? ' is-focused' : ''
                }`}
                style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
                onClick={(e) => onRowClick(asset, e)}
                onDoubleClick={onEdit}
              >
                <AssetCells asset={asset} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function AssetCells({ asset }: { asset: Asset }) {
  return (
    <>
      <div role="gridcell" className="col-thumb">
        <AssetThumb asset={asset} size="row" />
      </div>
      <div role="gridcell" className="col-title">
        <span className="cell-text cell-title" title={asset.title}>
          {asset.title}
        </span>
        <span className="cell-text cell-file mono" title={asset.fileName}>
          {asset.fileName}
        </span>
      </div>
      <div role="gridcell" className="col-num">
        {formatDuration(asset.durationSeconds)}
      </div>
      <div role="gridcell" className="col-short">
        {asset.resolutionClass ?? '—'}
      </div>
      <div role="gridcell" className="col-short mono">
        {asset.codec ?? '—'}
      </div>
      <div role="gridcell" className="col-status">
        <span className={`chip chip-${asset.status}`}>{statusLabels[asset.status]}</span>
      </div>
      <div role="gridcell" className="col-num mono">
        {asset.contentId ?? '—'}
      </div>
    </>
  );
}
