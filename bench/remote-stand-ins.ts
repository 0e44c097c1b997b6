import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DemoStandInAddresses } from '../src/demo/demo-stand-ins';

/** The stand-ins running in stand-ins-process.ts: their addresses, CPU and a way to stop them. */
export interface RemoteStandIns extends DemoStandInAddresses {
  /** The stand-ins' own CPU time so far (their process, not the caller's), ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./stand-ins-process.ts', import.meta.url));

/** Starts the demo stand-ins in a process of their own (through tsx, as the bench runs). */
export async function startRemoteStandIns(dir: string): Promise<RemoteStandIns> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      void exited.then(() => reject(new Error('The stand-ins process ended.')));
    });
  const addresses = JSON.parse(await nextLine()) as DemoStandInAddresses;
  return {
    ...addresses,
    async cpuMs() {
      const answer = nextLine();
      child.stdin.write('cpu\n');
      return (JSON.parse(await answer) as { cpuMs: number }).cpuMs;
    },
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
