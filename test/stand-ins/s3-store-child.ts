/**
 * The local store in a process of its own, so a test or a benchmark can watch the store's
 * memory apart from the client's. Messages: in 'reset' (start a new peak), 'peak' (answer
 * { baseline, peak } RSS bytes and { buffersBaseline, buffersPeak } Buffer bytes, i.e.
 * `memoryUsage().arrayBuffers`, since the last reset), 'stop'; out { endpoint } once started.
 */
import { startS3Store } from '../../src/stand-ins/s3-store/start-s3-store';

const [dataDir = '', accessKeyId = '', secretAccessKey = '', bucket = '', sampling = ''] =
  process.argv.slice(2);
// 'live': collect garbage before each sample, so the peak is memory still referenced (what a
// buffered body would hold) rather than garbage the GC has not reached yet.
const live = sampling === 'live';
const store = await startS3Store({
  dataDir,
  credentials: [{ accessKeyId, secretAccessKey }],
  buckets: [bucket],
});

let baseline = process.memoryUsage().rss;
let peak = baseline;
let buffersBaseline = process.memoryUsage().arrayBuffers;
let buffersPeak = buffersBaseline;
const sample = (): void => {
  if (live) global.gc?.();
  const usage = process.memoryUsage();
  peak = Math.max(peak, usage.rss);
  buffersPeak = Math.max(buffersPeak, usage.arrayBuffers);
};
const sampler = setInterval(sample, 10);

process.on('message', (message: string) => {
  if (message === 'reset') {
    global.gc?.();
    baseline = process.memoryUsage().rss;
    peak = baseline;
    buffersBaseline = process.memoryUsage().arrayBuffers;
    buffersPeak = buffersBaseline;
    process.send?.({ reset: true });
  } else if (message === 'peak') {
    sample();
    process.send?.({ baseline, peak, buffersBaseline, buffersPeak });
  } else if (message === 'stop') {
    clearInterval(sampler);
    void store.stop().then(() => process.exit(0));
  }
});
process.send?.({ endpoint: store.endpoint });
