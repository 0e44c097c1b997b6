/**
 * The demo stand-ins (local S3-compatible store and platform) in a process of their own, for
 * bench/suites/job.ts. In the product the store is another machine: run inside the bench's
 * process it would share the engine's one thread (hashing its MD5s and writing its files
 * there), a cost the shell loop's `aws` never shares. Argument: the data folder. Prints one
 * JSON line, the addresses (DemoStandInAddresses); then answers each "cpu" line on stdin with
 * `{ "cpuMs": n }`, its own CPU time so far, and stops when stdin closes.
 */
import readline from 'node:readline';
import { startDemoStandIns, type DemoStandInAddresses } from '../src/demo/demo-stand-ins';

const standIns = await startDemoStandIns(process.argv[2]!);
const addresses: DemoStandInAddresses = {
  s3: { endpoint: standIns.s3.endpoint, region: standIns.s3.region },
  platform: { baseUrl: standIns.platform.baseUrl },
  bucket: standIns.bucket,
  credentials: standIns.credentials,
};
process.stdout.write(`${JSON.stringify(addresses)}\n`);
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'cpu') return;
  const used = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (used.user + used.system) / 1000 })}\n`);
});
lines.on('close', () => {
  void standIns.stop().then(() => process.exit(0));
});
