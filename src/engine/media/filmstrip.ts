import type { FilmstripIndex } from '../../shared/contract/media';
import type { StillsPlan } from './stills-plan';

/**
 * The index of a filmstrip sprite: where each tile sits and which moment it stands for.
 * Tile size comes from the sprite ffmpeg actually wrote (read from its JPEG header), not
 * from a prediction of ffmpeg's rounding, so the renderer's crop is always exact.
 */
export function filmstripIndex(
  image: string,
  sprite: { width: number; height: number },
  plan: Pick<StillsPlan, 'tileTimes' | 'columns' | 'rows'>,
): FilmstripIndex {
  const tileWidth = Math.floor(sprite.width / plan.columns);
  const tileHeight = Math.floor(sprite.height / plan.rows);
  return {
    image,
    tileWidth,
    tileHeight,
    columns: plan.columns,
    rows: plan.rows,
    tiles: plan.tileTimes.map((atSeconds, i) => ({
      x: (i % plan.columns) * tileWidth,
      y: Math.floor(i / plan.columns) * tileHeight,
      atSeconds,
    })),
  };
}
