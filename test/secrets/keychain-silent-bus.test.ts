import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { testServiceName } from './keychain-gate';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const hasDbusDaemon = spawnSync('dbus-daemon', ['--version']).status === 0;

/** A private session bus that is then stopped (SIGSTOP): it takes connections, answers none. */
async function silentBus(): Promise<string> {
  const dir = tempDir('dailies-silent-bus-');
  const address = `unix:path=${path.join(dir, 'bus')}`;
  const bus = spawn(
    'dbus-daemon',
    ['--session', `--address=${address}`, '--nofork', '--print-address=1'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  onTestFinished(() => {
    bus.kill('SIGCONT');
    bus.kill('SIGTERM');
  });
  await new Promise<void>((resolve) => bus.stdout.once('data', () => resolve()));
  expect(fs.existsSync(path.join(dir, 'bus'))).toBe(true);
  bus.kill('SIGSTOP');
  return address;
}

// A D-Bus that hangs is Linux's; the macOS and Windows keychains do not hang off a bus.
describe.skipIf(process.platform !== 'linux' || !hasDbusDaemon)(
  'a session bus that never answers',
  () => {
    it('fails the keychain read with E_KEYCHAIN_UNAVAILABLE and never freezes the engine meanwhile', async () => {
      const address = await silentBus();
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(fixtures, 'keychain-on-silent-bus.ts'), testServiceName()],
        {
          env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      onTestFinished(() => {
        child.kill('SIGKILL');
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      await new Promise<void>((resolve) => child.once('close', () => resolve()));

      const lines = stdout.trim().split('\n');
      const outcome = JSON.parse(lines.pop()!) as { ok: boolean; code?: string };
      expect(outcome).toEqual({ ok: false, code: 'E_KEYCHAIN_UNAVAILABLE' });
      // The engine's event loop kept running while the keychain was asked: uploads, the queue
      // and every call from the window go on, instead of all of Dailies hanging on the bus.
      expect(lines.filter((line) => line === 'tick').length).toBeGreaterThanOrEqual(3);
    });
  },
);
