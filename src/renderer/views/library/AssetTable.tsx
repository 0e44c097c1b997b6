import { memo, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Asset } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { AssetThumb } from './AssetThumb';
import { formatDuration } from '../../components/format';
import { statusChipLabel } from './asset-labels';
import { assetReason } from './asset-reason';
import { columns, gridTemplate, loadWidths, rowMinWidth, saveWidths } from './asset-columns';
import { ColumnResizer } from './ColumnResizer';
import { useAssetListKeys } from './use-asset-list-keys';

export const ROW_HEIGHT = 52;
const HEAD_HEIGHT = 34;
const OVERSCAN = 8;
/** Ask for the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 30;

/**
 * The library as a virtualised grid: only the rows in view (and a few either side) are in
 * the DOM, so tens of thousands of assets scroll like ten. One focus stop for the whole
 * list (aria-activedescendant); keys are `useAssetListKeys`'. One scroller for both axes
 * with the header stuck to its top, so a narrow window scrolls sideways to every column.
 * Columns are resized by their header's edge (drag, or the arrow keys on it).
 */
export function AssetTable({ onEdit }: { onEdit: () => void }) {
  const { total, sort, resultsFor } = useDailies(
    useShallow((s) => ({
      total: s.assetsTotal,
      sort: s.libraryQuery.sort,
      // The search whose answer the rows show, for tests and the UI benchmark to wait on.
      resultsFor: s.assetsLoading ? undefined : s.libraryQuery.text,
    })),
  );
  const loadMore = useDailies((s) => s.loadMoreAssets);
  const setSort = useDailies((s) => s.setSort);
  const hasMore = useDailies((s) => s.assetsCursor !== null);

  const grid = useRef<HTMLDivElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // The window's height until the viewport is measured: never less than the viewport, so the
  // first render already fills it, and reading it forces no layout (clientHeight would lay
  // out the whole window before the first paint, then render it a second time).
  const [height, setHeight] = useState(() => window.innerHeight);
  const [widths, setWidths] = useState(loadWidths);

  const list = useAssetListKeys(
    {
      lineStep: 1,
      pageStep: Math.max(1, Math.floor((height - HEAD_HEIGHT) / ROW_HEIGHT) - 1),
      scrollIntoView(index) {
        const el = viewport.current;
        if (!el) return;
        const top = index * ROW_HEIGHT;
        if (top < el.scrollTop) el.scrollTop = top;
        else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - HEAD_HEIGHT) {
          el.scrollTop = top + ROW_HEIGHT - el.clientHeight + HEAD_HEIGHT;
        }
      },
    },
    { onEdit, focusList: () => grid.current?.focus({ preventScroll: true }), horizontal: false },
  );
  const { assets, selectedIds, focusedId, mode, indexOf } = list;

  // Measured after the first paint: the observer reports the viewport's size once laid out
  // (then on every resize), and the rows follow in a render of their own.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    // Read in the observer's callback, the layout is fresh: the read costs nothing.
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(assets.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (hasMore && last + PREFETCH_ROWS >= assets.length) void loadMore();
  }, [hasMore, last, assets.length, loadMore]);

  const selected = new Set(selectedIds);
  const rowCount = total ?? assets.length;
  const template = gridTemplate(widths);
  const resize = (id: string, width: number, done: boolean) => {
    const next = { ...widths, [id]: width };
    setWidths(next);
    if (done) saveWidths(next);
  };

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
      data-results-for={resultsFor}
      aria-activedescendant={
        focusedId !== null && indexOf(focusedId) >= 0 ? `asset-row-${focusedId}` : undefined
      }
      onKeyDown={list.onKeyDown}
      onFocus={list.onListFocus}
    >
      <div
        ref={viewport}
        className="asset-viewport"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="asset-table-body" style={{ minWidth: rowMinWidth(widths) }}>
          <div
            className="asset-row asset-head"
            role="row"
            aria-rowindex={1}
            style={{ gridTemplateColumns: template }}
          >
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
                {column.resizable ? (
                  <ColumnResizer
                    label={column.label}
                    width={widths[column.id] ?? column.width}
                    onResize={(width, done) => resize(column.id, width, done)}
                  />
                ) : null}
              </div>
            ))}
          </div>
          <div
            className="asset-spacer"
            role="rowgroup"
            style={{ height: assets.length * ROW_HEIGHT }}
          >
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
                  style={{
                    transform: `translateY(${index * ROW_HEIGHT}px)`,
                    gridTemplateColumns: template,
                  }}
                  onClick={(e) => list.onItemClick(asset, e)}
                  onDoubleClick={onEdit}
                >
                  <AssetCells asset={asset} />
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * A row's cells. Memoised on the asset: scrolling re-renders the table every frame to move
 * its window of rows, and only rows whose asset changed need their cells built again.
 */
const AssetCells = memo(function AssetCells({ asset }: { asset: Asset }) {
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
      <div role="gridcell" className="col-short" title={asset.resolutionClass ?? undefined}>
        {asset.resolutionClass ?? '—'}
      </div>
      <div role="gridcell" className="col-short mono cell-text" title={asset.codec ?? undefined}>
        {asset.codec ?? '—'}
      </div>
      <AssetStatusCell asset={asset} />
      <div role="gridcell" className="col-num mono">
        {asset.contentId ?? '—'}
      </div>
    </>
  );
});

/** The status chip and, for a failed or held asset, why: on hover and to a screen reader. */
export function AssetStatusCell({
  asset,
  as = 'gridcell',
}: {
  asset: Asset;
  as?: 'gridcell' | 'div';
}) {
  const reason = useDailies(useShallow((s) => assetReason(s, asset)));
  const label = useDailies((s) => statusChipLabel(asset.status, s.syncStatuses[asset.id]));
  const reasonId = `asset-reason-${asset.id}`;
  return (
    <div
      role={as === 'gridcell' ? 'gridcell' : undefined}
      className="col-status"
      title={reason ? reason.full : undefined}
      aria-describedby={reason ? reasonId : undefined}
    >
      <span className={`chip chip-${asset.status}`}>{label}</span>
      {reason ? (
        <span id={reasonId} className="cell-text cell-reason" data-testid="status-reason">
          {reason.short}
        </span>
      ) : null}
    </div>
  );
}
