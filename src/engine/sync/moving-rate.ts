/**
 * Bytes per second over the last few seconds, for all uploads together. Pure apart from the
 * injected clock: feed it the bytes as they move, ask for the rate when needed.
 */
export class MovingRate {
  readonly #samples: Array<{ at: number; bytes: number }> = [];
  /** When the current stretch of movement began (the first bytes after an idle window). */
  #movingSince: number | null = null;

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 10_000,
  ) {}

  add(bytes: number): void {
    if (bytes <= 0) return;
    const at = this.now();
    this.#prune(at);
    if (this.#samples.length === 0) this.#movingSince = at;
    this.#samples.push({ at, bytes });
  }

  /** 0 when nothing moved within the window. */
  bytesPerSecond(): number {
    const at = this.now();
    this.#prune(at);
    if (this.#samples.length === 0 || this.#movingSince === null) return 0;
    const bytes = this.#samples.reduce((sum, sample) => sum + sample.bytes, 0);
    // A fresh start is measured over at least a second, so one early burst is not a spike.
    const span = Math.max(1_000, Math.min(this.windowMs, at - this.#movingSince));
    return (bytes * 1_000) / span;
  }

  #prune(at: number): void {
    while (this.#samples.length > 0 && at - this.#samples[0]!.at >= this.windowMs)
      this.#samples.shift();
    if (this.#samples.length === 0) this.#movingSince = null;
  }
}

/** Seconds left at this rate; null when nothing moves (no honest estimate). */
export function etaSeconds(bytesLeft: number, bytesPerSecond: number): number | null {
  if (bytesLeft <= 0) return 0;
  return bytesPerSecond > 0 ? bytesLeft / bytesPerSecond : null;
}
