import type { AssetSort } from '../../../shared/contract';

export interface Column {
  id: string;
  label: string;
  sort: AssetSort['field'] | null;
  className: string;
  /** Starting width in px; the title column also takes any room left. */
  width: number;
  /** Whether the editor can drag its edge. */
  resizable: boolean;
}

export const columns: Column[] = [
  {
    id: 'thumb',
    label: 'Thumbnail',
    sort: null,
    className: 'col-thumb',
    width: 64,
    resizable: false,
  },
  {
    id: 'title',
    label: 'Title',
    sort: 'title',
    className: 'col-title',
    width: 240,
    resizable: true,
  },
  {
    id: 'duration',
    label: 'Duration',
    sort: 'durationSeconds',
    className: 'col-num',
    width: 72,
    resizable: true,
  },
  {
    id: 'resolution',
    label: 'Res.',
    sort: 'resolutionClass',
    className: 'col-short',
    width: 60,
    resizable: true,
  },
  {
    id: 'codec',
    label: 'Codec',
    sort: 'codec',
    className: 'col-short',
    width: 72,
    resizable: true,
  },
  {
    id: 'status',
    label: 'Status',
    sort: 'status',
    className: 'col-status',
    width: 150,
    resizable: true,
  },
  {
    id: 'contentId',
    label: 'Content id',
    sort: 'contentId',
    className: 'col-num',
    width: 96,
    resizable: true,
  },
];

export const MIN_COLUMN = 48;
export const MAX_COLUMN = 900;
const STORAGE_KEY = 'dailies.library.columns';

export type ColumnWidths = Record<string, number>;

export function defaultWidths(): ColumnWidths {
  return Object.fromEntries(columns.map((c) => [c.id, c.width]));
}

/** The widths the editor left last time (this window's storage), else the defaults. */
export function loadWidths(): ColumnWidths {
  const widths = defaultWidths();
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (saved && typeof saved === 'object')
      for (const [id, value] of Object.entries(saved))
        if (id in widths && typeof value === 'number') widths[id] = clampWidth(value);
  } catch {
    // Unreadable storage: the defaults.
  }
  return widths;
}

export function saveWidths(widths: ColumnWidths): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(widths));
  } catch {
    // Storage full or refused: the widths last for this window only.
  }
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN, Math.max(MIN_COLUMN, width)));
}

/** The CSS grid columns of every row: fixed widths, the title taking what is left. */
export function gridTemplate(widths: ColumnWidths): string {
  return columns
    .map((c) => (c.id === 'title' ? `minmax(${widths[c.id]}px, 1fr)` : `${widths[c.id]}px`))
    .join(' ');
}

/** The narrowest a row can be: every column at its width, plus gaps and padding. */
export function rowMinWidth(widths: ColumnWidths): number {
  return (
    columns.reduce((sum, c) => sum + (widths[c.id] ?? c.width), 0) + 10 * (columns.length - 1) + 20
  );
}
