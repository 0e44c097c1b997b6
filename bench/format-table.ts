import { verdict, type Figure } from './figure';

/** The results as a plain-text table, one row per figure. */
export function formatTable(suite: string, figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', ''];
  const rows = figures.map((figure) => [
    figure.name,
    `${formatNumber(figure.value)} ${figure.unit}`,
    figure.baseline ? `${formatNumber(figure.baseline.value)} ${figure.unit}` : '',
    figure.ratio === undefined ? '' : figure.ratio.toFixed(2),
    figure.target ? `${figure.target.of} ${figure.target.op} ${figure.target.value}` : '',
    verdict(figure) ?? '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const baselines = figures
    .filter((figure) => figure.baseline)
    .map((figure) => `  ${figure.name}: ${figure.baseline!.command}`);
  const notes = figures
    .filter((figure) => figure.note)
    .map((figure) => `  ${figure.name}: ${figure.note}`);
  return [
    `== ${suite}`,
    line(header),
    ...rows.map(line),
    ...(baselines.length > 0 ? ['baselines:', ...baselines] : []),
    ...(notes.length > 0 ? ['notes:', ...notes] : []),
  ].join('\n');
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
