import { MultiBar, type SingleBar } from 'cli-progress';
import { formatBytes } from '../../shared/format-units';
import type { Terminal } from '../command';
import type { FileProgress, OverallProgress, ProgressView } from './progress-view';

/** Live bars (cli-progress) on a terminal: one overall, one per file being worked on. */
export class BarsView implements ProgressView {
  readonly #bars: MultiBar;
  readonly #files = new Map<string, SingleBar>();
  #overall: SingleBar | null = null;

  constructor(terminal: Terminal) {
    const [on, off] = terminal.color ? ['\u001b[36m', '\u001b[0m'] : ['', ''];
    this.#bars = new MultiBar({
      stream: terminal.stream,
      format: `{label} ${on}{bar}${off} {detail}`,
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      autopadding: true,
      fps: 8,
    });
  }

  overall(progress: OverallProgress): void {
    const payload = { label: pad(progress.label), detail: detail(progress) };
    const total = Math.max(progress.total, 1);
    if (!this.#overall) this.#overall = this.#bars.create(total, progress.done, payload);
    this.#overall.setTotal(total);
    this.#overall.update(Math.min(progress.done, total), payload);
  }

  file(progress: FileProgress): void {
    const payload = {
      label: pad(`${progress.name} (${progress.activity})`),
      detail: detail(progress),
    };
    const total = Math.max(progress.total, 1);
    let bar = this.#files.get(progress.key);
    if (!bar) {
      bar = this.#bars.create(total, 0, payload);
      this.#files.set(progress.key, bar);
    }
    bar.setTotal(total);
    bar.update(Math.min(progress.done, total), payload);
  }

  fileDone(key: string): void {
    const bar = this.#files.get(key);
    if (!bar) return;
    this.#files.delete(key);
    this.#bars.remove(bar);
  }

  note(line: string): void {
    this.#bars.log(`${line}\n`);
  }

  stop(): void {
    this.#bars.stop();
  }
}

const LABEL_WIDTH = 36;

function pad(label: string): string {
  return label.length > LABEL_WIDTH
    ? `…${label.slice(label.length - LABEL_WIDTH + 1)}`
    : label.padEnd(LABEL_WIDTH);
}

export function detail(progress: {
  done: number;
  total: number;
  bytes: boolean;
  bytesPerSecond?: number;
  etaSeconds?: number | null;
}): string {
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  if (!progress.bytes) return `${percent}%`;
  const parts = [`${formatBytes(progress.done)} / ${formatBytes(progress.total)}`];
  if (progress.bytesPerSecond) parts.push(`${formatBytes(progress.bytesPerSecond)}/s`);
  if (progress.etaSeconds !== undefined && progress.etaSeconds !== null) {
    parts.push(`ETA ${formatEta(progress.etaSeconds)}`);
  }
  return parts.join('  ');
}

export function formatEta(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
