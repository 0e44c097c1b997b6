/** Sends one bulk.progress event of a call: done of total (null while it is not known). */
export type SendBulkProgress = (done: number, total: number | null) => void;

/**
 * The bulk.progress events of one whole-batch call. A window shows a progress strip from a
 * call's first event until one has done equal to total, so a call that fails part-way must
 * still send that last one, or the strip lingers after the call already answered with its
 * error. Hence `step` after each step and `close` in a `finally`. A step the same as the last
 * one sent is not sent again.
 */
export class BulkProgressReport {
  #last: { done: number; total: number | null } | null = null;

  constructor(private readonly send: SendBulkProgress) {}

  step(done: number, total: number | null): void {
    if (this.#last && this.#last.done === done && this.#last.total === total) return;
    this.#last = { done, total };
    this.send(done, total);
  }

  /**
   * Once the call is over, however it ended: when it sent events and the last did not close
   * the strip (it failed part-way), sends done = total = what the last event said was done.
   * A call that sent none sends none.
   */
  close(): void {
    if (this.#last === null || this.#last.done === this.#last.total) return;
    this.step(this.#last.done, this.#last.done);
  }
}
