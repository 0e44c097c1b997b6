import { useState, type PointerEvent } from 'react';
import type { Asset } from '../../../shared/contract';
import type { FilmstripIndex } from '../../../shared/contract/media';
import { formatDuration } from '../../components/format';
import { useDailies } from '../../store/store-context';

export type ThumbSize = 'row' | 'grid' | 'detail';

/**
 * An asset's thumbnail through this window's host, or a neutral frame while it has none
 * (before analysis, or when the image cannot be read). The picture keeps its own shape inside
 * a 16:9 frame: a portrait clip is letterboxed, never cropped into looking landscape.
 * When the asset has a filmstrip, moving the pointer across the frame (or the arrow keys,
 * handled by whoever holds focus) shows the tile at that point, with its time.
 * Decorative: the row, card or detail names the asset.
 */
export function AssetThumb({ asset, size }: { asset: Asset; size: ThumbSize }) {
  const stillUrl = useDailies((s) => s.stillUrl);
  const tile = useDailies((s) => (s.scrub?.assetId === asset.id ? s.scrub.tile : null));
  const entry = useDailies((s) => s.filmstrips[asset.id]);
  const scrubAt = useDailies((s) => s.scrubAt);
  const endScrub = useDailies((s) => s.endScrub);
  const [failed, setFailed] = useState<string | null>(null);
  const src = asset.stills ? stillUrl(asset.id, 'thumbnail', asset.stills.version) : null;
  const canScrub = asset.stills?.filmstrip === true;
  const index =
    entry?.state === 'ready' && entry.version === asset.stills?.version ? entry.index : null;

  const onPointerMove = (event: PointerEvent<HTMLSpanElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) void scrubAt(asset, (event.clientX - box.left) / box.width);
  };

  let picture;
  if (index && tile !== null && index.tiles[tile] && asset.stills) {
    picture = (
      <FilmstripTile
        index={index}
        tile={tile}
        sprite={stillUrl(asset.id, 'filmstrip', asset.stills.version)}
      />
    );
  } else if (!src || failed === src) {
    picture = (
      <span className="thumb-empty" aria-hidden="true">
        <svg
          viewBox="0 0 24 24"
          width="18"
          height="18"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          <rect x="3" y="5" width="18" height="14" rx="2" />
          <path d="M10 9.5v5l4-2.5z" />
        </svg>
      </span>
    );
  } else {
    picture = (
      <img
        className="thumb-img"
        src={src}
        alt=""
        loading="lazy"
        decoding="async"
        draggable={false}
        onError={() => setFailed(src)}
      />
    );
  }
  return (
    <span
      className={`thumb thumb-${size}${canScrub ? ' can-scrub' : ''}`}
      aria-hidden="true"
      data-scrub-tile={tile ?? undefined}
      onPointerMove={canScrub ? onPointerMove : undefined}
      onPointerLeave={canScrub ? () => endScrub(asset.id) : undefined}
    >
      {picture}
    </span>
  );
}

/** One tile of the sprite, fitted inside the frame with its own shape, and its time. */
function FilmstripTile({
  index,
  tile,
  sprite,
}: {
  index: FilmstripIndex;
  tile: number;
  sprite: string;
}) {
  const { x, y, atSeconds } = index.tiles[tile]!;
  const portrait = index.tileWidth / index.tileHeight < 16 / 9;
  // Percentages of (sprite - tile): the tile's corner lands on the frame's corner.
  const pos = (at: number, step: number, count: number) =>
    count > 1 ? `${(at / (step * (count - 1))) * 100}%` : '0%';
  return (
    <>
      <span
        className={`thumb-tile${portrait ? ' is-portrait' : ''}`}
        style={{
          aspectRatio: `${index.tileWidth} / ${index.tileHeight}`,
          backgroundImage: `url("${sprite}")`,
          backgroundSize: `${index.columns * 100}% ${index.rows * 100}%`,
          backgroundPosition: `${pos(x, index.tileWidth, index.columns)} ${pos(y, index.tileHeight, index.rows)}`,
        }}
      />
      <span className="thumb-time" data-testid="scrub-time">
        {formatDuration(atSeconds)}
      </span>
    </>
  );
}

/** The scrubbed time of an asset in words, for a slider's aria-valuetext. */
export function scrubTimeText(index: FilmstripIndex | null, tile: number | null): string {
  if (!index || tile === null || !index.tiles[tile]) return 'Thumbnail';
  return `Frame at ${formatDuration(index.tiles[tile].atSeconds)}`;
}
