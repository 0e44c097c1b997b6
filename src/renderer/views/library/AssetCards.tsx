import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Asset } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { AssetThumb } from './AssetThumb';
import { AssetStatusCell } from './AssetTable';
import { useAssetListKeys } from './use-asset-list-keys';

export const CARD_WIDTH = 224;
export const CARD_HEIGHT = 196;
const GAP = 12;
const OVERSCAN_ROWS = 2;
const PREFETCH_ROWS = 6;

/**
 * The library as large thumbnails, title and status under each: virtualised by rows of cards
 * like the list, with one focus stop. Arrows move between cards; Alt+Left/Right scrub the
 * focused card's filmstrip (the pointer does it on hover).
 */
export function AssetCards({ onEdit }: { onEdit: () => void }) {
  const total = useDailies((s) => s.assetsTotal);
  const loadMore = useDailies((s) => s.loadMoreAssets);
  const hasMore = useDailies((s) => s.assetsCursor !== null);
  const grid = useRef<HTMLDivElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [size, setSize] = useState({ width: 800, height: 600 });

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);

  const perRow = Math.max(1, Math.floor((size.width - GAP + GAP) / (CARD_WIDTH + GAP)));
  const rowHeight = CARD_HEIGHT + GAP;
  const list = useAssetListKeys(
    {
      lineStep: perRow,
      pageStep: perRow * Math.max(1, Math.floor(size.height / rowHeight)),
      scrollIntoView(index) {
        const el = viewport.current;
        if (!el) return;
        const top = Math.floor(index / perRow) * rowHeight;
        if (top < el.scrollTop) el.scrollTop = top;
        else if (top + rowHeight > el.scrollTop + el.clientHeight) {
          el.scrollTop = top + rowHeight - el.clientHeight;
        }
      },
    },
    { onEdit, focusList: () => grid.current?.focus({ preventScroll: true }), horizontal: true },
  );
  const { assets, selectedIds, focusedId, mode, indexOf } = list;
  const rows = Math.ceil(assets.length / perRow);
  const firstRow = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS);
  const lastRow = Math.min(rows, Math.ceil((scrollTop + size.height) / rowHeight) + OVERSCAN_ROWS);

  useEffect(() => {
    if (hasMore && (lastRow + PREFETCH_ROWS) * perRow >= assets.length) void loadMore();
  }, [hasMore, lastRow, perRow, assets.length, loadMore]);

  const selected = new Set(selectedIds);
  const shown = assets.slice(firstRow * perRow, lastRow * perRow);
  return (
    <div
      ref={grid}
      className="asset-cards"
      role="listbox"
      tabIndex={0}
      aria-label={mode === 'trash' ? 'Assets in the trash' : 'Assets'}
      aria-multiselectable="true"
      aria-activedescendant={
        focusedId !== null && indexOf(focusedId) >= 0 ? `asset-card-${focusedId}` : undefined
      }
      onKeyDown={list.onKeyDown}
      onFocus={list.onListFocus}
    >
      <div
        ref={viewport}
        className="asset-cards-viewport"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="asset-spacer" style={{ height: rows * rowHeight }}>
          {shown.map((asset, i) => {
            const index = firstRow * perRow + i;
            return (
              <div
                key={asset.id}
                id={`asset-card-${asset.id}`}
                role="option"
                aria-selected={selected.has(asset.id)}
                aria-posinset={index + 1}
                aria-setsize={total ?? assets.length}
                // Named by what it shows (title, time, status), so a voice command can
                // say what the eye reads.
                className={`asset-card${selected.has(asset.id) ? ' is-selected' : ''}${
                  asset.id === focusedId ? ' is-focused' : ''
                }`}
                style={{
                  transform: `translate(${(index % perRow) * (CARD_WIDTH + GAP)}px, ${
                    Math.floor(index / perRow) * rowHeight
                  }px)`,
                  width: CARD_WIDTH,
                  height: CARD_HEIGHT,
                }}
                onClick={(e) => list.onItemClick(asset, e)}
                onDoubleClick={onEdit}
              >
                <CardBody asset={asset} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/**
 * A card's picture, title and state. Memoised on the asset: scrolling re-renders the grid
 * every frame to move its window of cards, and only cards whose asset changed need building.
 */
const CardBody = memo(function CardBody({ asset }: { asset: Asset }) {
  return (
    <>
      <AssetThumb asset={asset} size="grid" />
      <span className="card-title cell-text" title={asset.title}>
        {asset.title}
      </span>
      <AssetStatusCell asset={asset} as="div" />
    </>
  );
});
