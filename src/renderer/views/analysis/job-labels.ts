import type { AnalyseJobSpec } from '../../../shared/contract';

const stageLabels: Record<string, string> = {
  stat: 'Opening the file',
  probe: 'Reading media info',
  integrity: 'Checking the file plays to the end',
  stills: 'Making thumbnail and filmstrip',
  delivery: 'Checking delivery rules',
  done: 'Saving',
};

/** The stage of an analysis as an editor would say it. */
export function stageLabel(stage: string | undefined): string {
  if (!stage) return 'Starting';
  return stageLabels[stage] ?? stage.charAt(0).toUpperCase() + stage.slice(1);
}

export const reasonLabels: Record<AnalyseJobSpec['reason'], string> = {
  ingest: 'Added to the library',
  changed: 'The file changed',
  editor: 'Asked for again',
  catalog: 'Never analysed',
};

/** The last part of a path, whichever separator the host uses. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** "14:05" today, "3 Mar 2025, 14:05" on another day. */
export function formatWhen(iso: string | null, now = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString()
    ? timeFormat.format(date)
    : dateTimeFormat.format(date);
}
