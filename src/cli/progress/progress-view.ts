import type { Terminal } from '../command';
import { BarsView } from './bars-view';
import { LinesView } from './lines-view';

/** One file's work, as the bars or lines show it. */
export interface FileProgress {
  /** Unique per piece of work (a job, an upload key, the hashing). */
  key: string;
  /** The file's name. */
  name: string;
  /** What is being done: hashing, analysing (stills), uploading video... */
  activity: string;
  done: number;
  total: number;
  /** Bytes: the bar shows sizes and speed; otherwise a percentage. */
  bytes: boolean;
  bytesPerSecond?: number;
  etaSeconds?: number | null;
}

export interface OverallProgress {
  label: string;
  done: number;
  total: number;
  bytes: boolean;
  bytesPerSecond?: number;
  etaSeconds?: number | null;
}

/**
 * How a long command shows what it does: live bars on a terminal, plain lines in a pipe or
 * a log, nothing with --quiet or --json. Results and errors are not progress: they go to
 * stdout/stderr through the command as usual.
 */
export interface ProgressView {
  overall(progress: OverallProgress): void;
  file(progress: FileProgress): void;
  /** The file's work finished (its bar goes). */
  fileDone(key: string): void;
  /** Something that happened, one line (above the bars on a terminal). */
  note(line: string): void;
  stop(): void;
}

export function progressView(
  terminal: Terminal,
  options: { quiet: boolean; json: boolean },
): ProgressView {
  if (options.quiet || options.json) return silentView;
  return terminal.isTTY ? new BarsView(terminal) : new LinesView(terminal.stream);
}

const silentView: ProgressView = {
  overall: () => {},
  file: () => {},
  fileDone: () => {},
  note: () => {},
  stop: () => {},
};
