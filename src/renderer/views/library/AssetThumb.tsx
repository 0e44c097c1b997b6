import { useState } from 'react';
import type { Asset } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';

/**
 * An asset's thumbnail through this window's host, or a neutral frame while it has none
 * (before analysis, or when the image cannot be read). Decorative: the row names the asset.
 */
export function AssetThumb({ asset, size }: { asset: Asset; size: 'row' | 'detail' }) {
  const stillUrl = useDailies((s) => s.stillUrl);
  const [failed, setFailed] = useState<string | null>(null);
  const src = asset.stills ? stillUrl(asset.id, 'thumbnail', asset.stills.version) : null;
  const className = `thumb thumb-${size}`;
  if (!src || failed === src) {
    return (
      <span className={`${className} thumb-empty`} aria-hidden="true">
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
  }
  return (
    <img
      className={className}
      src={src}
      alt=""
      loading="lazy"
      decoding="async"
      draggable={false}
      onError={() => setFailed(src)}
    />
  );
}
