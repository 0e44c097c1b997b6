import type { KeyboardEvent, PointerEvent } from 'react';
import { clampWidth, MAX_COLUMN, MIN_COLUMN } from './asset-columns';

const KEY_STEP = 16;

/**
 * A column's right edge: drag it, or focus it and use Left/Right (Shift for bigger steps).
 * The width is saved when the drag or key press ends.
 */
export function ColumnResizer({
  label,
  width,
  onResize,
}: {
  label: string;
  width: number;
  onResize: (width: number, done: boolean) => void;
}) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    const startX = event.clientX;
    handle.setPointerCapture(event.pointerId);
    let latest = width;
    const move = (e: globalThis.PointerEvent) => {
      latest = clampWidth(width + e.clientX - startX);
      onResize(latest, false);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      onResize(latest, true);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const delta = event.key === 'ArrowRight' ? step : event.key === 'ArrowLeft' ? -step : 0;
    // The list's own keys must not see these.
    event.stopPropagation();
    if (delta === 0) return;
    event.preventDefault();
    onResize(clampWidth(width + delta), true);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label} column`}
      aria-valuenow={width}
      aria-valuemin={MIN_COLUMN}
      aria-valuemax={MAX_COLUMN}
      tabIndex={0}
      className="column-resizer"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
