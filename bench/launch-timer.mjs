// Times commands from a small process of its own, as a shell would start them. Spawning from
// the bench's own process (large, with tsx loaded) costs tens of milliseconds more per start,
// for every contender alike, which would hide the part of a short command's time that is its own.
// Usage: node launch-timer.mjs <runs> <json: {name: [command, ...args]}>
// Prints {name: {firstOutput: ms[], exit: ms[]}}, one warm-up run of each left out.
import { spawn } from 'node:child_process';

const runs = Number(process.argv[2]);
const contenders = JSON.parse(process.argv[3]);

function timeOnce([command, ...args]) {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let firstOutput = null;
    const stderr = [];
    child.stdout.on('data', () => {
      firstOutput ??= performance.now() - start;
    });
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const exit = performance.now() - start;
      if (code !== 0)
        reject(new Error(`${command} ${args.join(' ')}: exit ${code}\n${Buffer.concat(stderr)}`));
      else resolve({ firstOutput: firstOutput ?? exit, exit });
    });
  });
}

const samples = Object.fromEntries(
  Object.keys(contenders).map((name) => [name, { firstOutput: [], exit: [] }]),
);
for (const name of Object.keys(contenders)) await timeOnce(contenders[name]);
for (let run = 0; run < runs; run += 1) {
  for (const [name, command] of Object.entries(contenders)) {
    const timed = await timeOnce(command);
    samples[name].firstOutput.push(timed.firstOutput);
    samples[name].exit.push(timed.exit);
  }
}
process.stdout.write(JSON.stringify(samples));
