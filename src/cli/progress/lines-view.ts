import type { FileProgress, OverallProgress, ProgressView } from './progress-view';
import { detail } from './bars-view';

/**
 * Plain lines for a pipe or a log file: what happened, and each file's progress at every
 * quarter, so a log stays readable and still shows a long upload moving.
 */
export class LinesView implements ProgressView {
  readonly #quarters = new Map<string, number>();

  constructor(private readonly stream: NodeJS.WritableStream) {}

  overall(_progress: OverallProgress): void {
    // The per-file lines and the final summary say it; a running total would only repeat.
  }

  file(progress: FileProgress): void {
    if (progress.total <= 0) return;
    const quarter = Math.floor((progress.done / progress.total) * 4);
    if (quarter <= 0 || quarter >= 4 || (this.#quarters.get(progress.key) ?? 0) >= quarter) return;
    this.#quarters.set(progress.key, quarter);
    this.note(`  … ${progress.name}: ${progress.activity} ${detail(progress)}`);
  }

  fileDone(key: string): void {
    this.#quarters.delete(key);
  }

  note(line: string): void {
    this.stream.write(`${line}\n`);
  }

  stop(): void {}
}
