import type { Clock } from '../../time/clock';

/** What an editor sees of one file's upload. */
export interface UploadProgress {
  key: string;
  bytesSent: number;
  totalBytes: number;
  /** Over the last few seconds; 0 until there is something to measure. */
  bytesPerSecond: number;
  /** Seconds left at the current speed; undefined while the speed is unknown. */
  etaSeconds: number | undefined;
}

const WINDOW_MS = 5_000;
const EMIT_EVERY_MS = 250;

/**
 * Counts bytes as the HTTP request pulls them (after the limiter), so the speed is what goes
 * on the wire. A part that fails gives its bytes back, so "sent" never counts a byte twice.
 * Calls `onProgress` at most every 250 ms, and always at the end.
 */
export class ProgressMeter {
  private sent: number;
  private readonly samples: Array<{ at: number; sent: number }> = [];
  private lastEmit = -Infinity;

  constructor(
    private readonly key: string,
    private readonly totalBytes: number,
    private readonly clock: Clock,
    private readonly onProgress: ((progress: UploadProgress) => void) | undefined,
    alreadySent = 0,
  ) {
    this.sent = alreadySent;
    this.samples.push({ at: clock.now(), sent: alreadySent });
  }

  add(bytes: number): void {
    this.sent += bytes;
    const now = this.clock.now();
    if (now - this.lastEmit >= EMIT_EVERY_MS) this.emit(now);
  }

  retract(bytes: number): void {
    this.sent = Math.max(0, this.sent - bytes);
  }

  finish(): void {
    this.sent = this.totalBytes;
    this.emit(this.clock.now());
  }

  snapshot(now = this.clock.now()): UploadProgress {
    this.samples.push({ at: now, sent: this.sent });
    while (this.samples.length > 2 && now - this.samples[1]!.at >= WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const elapsed = (now - first.at) / 1000;
    const speed = elapsed > 0 ? Math.max(0, (this.sent - first.sent) / elapsed) : 0;
    const left = this.totalBytes - this.sent;
    return {
      key: this.key,
      bytesSent: this.sent,
      totalBytes: this.totalBytes,
      bytesPerSecond: speed,
      etaSeconds: left <= 0 ? 0 : speed > 0 ? left / speed : undefined,
    };
  }

  private emit(now: number): void {
    this.lastEmit = now;
    if (this.onProgress) this.onProgress(this.snapshot(now));
    else this.snapshot(now);
  }
}
