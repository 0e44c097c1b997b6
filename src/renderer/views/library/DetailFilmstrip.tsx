import type { KeyboardEvent } from 'react';
import type { Asset } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { AssetThumb, scrubTimeText } from './AssetThumb';

/**
 * The detail's picture: the thumbnail, and with a filmstrip a slider over its frames. Hover
 * to scrub, or focus it and use Left/Right (Home/End for the first and last frame).
 */
export function DetailFilmstrip({ asset }: { asset: Asset }) {
  const tile = useDailies((s) => (s.scrub?.assetId === asset.id ? s.scrub.tile : null));
  const entry = useDailies((s) => s.filmstrips[asset.id]);
  const scrubBy = useDailies((s) => s.scrubBy);
  const endScrub = useDailies((s) => s.endScrub);
  const loadFilmstrip = useDailies((s) => s.loadFilmstrip);
  if (!asset.stills?.filmstrip) return <AssetThumb asset={asset} size="detail" />;

  const index = entry?.state === 'ready' ? entry.index : null;
  const count = index?.tiles.length ?? 0;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, number> = {
      ArrowRight: 1,
      ArrowUp: 1,
      ArrowLeft: -1,
      ArrowDown: -1,
      Home: -Infinity,
      End: Infinity,
    };
    if (event.key === 'Escape') return endScrub(asset.id);
    const delta = step[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    void scrubBy(asset, Number.isFinite(delta) ? delta : delta > 0 ? 1_000_000 : -1_000_000);
  };
  return (
    <div
      className="detail-filmstrip"
      role="slider"
      tabIndex={0}
      aria-label={`Filmstrip of ${asset.title}`}
      aria-valuemin={0}
      aria-valuemax={Math.max(0, count - 1)}
      aria-valuenow={tile ?? 0}
      aria-valuetext={scrubTimeText(index, tile)}
      onFocus={() => void loadFilmstrip(asset)}
      onBlur={() => endScrub(asset.id)}
      onKeyDown={onKeyDown}
    >
      <AssetThumb asset={asset} size="detail" />
    </div>
  );
}
