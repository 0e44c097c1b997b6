/**
 * How much of a profile's "uploads at once" one file's send takes.
 *
 * A file sent in parts takes a whole place: its parts go `partConcurrency` at a time. A file
 * under the multipart threshold goes whole in one request; a batch of them is bound by round
 * trips, not bytes, so each takes its share of a place by size, and at least
 * 1 / `partConcurrency`: four 1 MB files share one place, keeping as many requests in flight
 * as one large file's parts, and the bytes held in memory stay within one part size per place.
 */
export function uploadPlaces(
  sizeBytes: number,
  limits: { multipartThresholdBytes: number; partConcurrency: number },
): number {
  if (sizeBytes >= limits.multipartThresholdBytes) return 1;
  return Math.max(1 / limits.partConcurrency, sizeBytes / limits.multipartThresholdBytes);
}

/**
 * Whether a file taking `places` may start beside sends already taking `taken`, within
 * `concurrency` places. The first send always starts, whatever its share.
 */
export function fitsIn(concurrency: number, taken: number, places: number): boolean {
  // Shares are fractions of a place: a rounding error must not refuse the last quarter.
  return taken === 0 || taken + places <= concurrency + 1e-9;
}
