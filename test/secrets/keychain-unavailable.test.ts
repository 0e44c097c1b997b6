import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { testServiceName } from './keychain-gate';

const run = promisify(execFile);
const fixture = path.join(import.meta.dirname, 'fixtures', 'keychain-without-bus.ts');

// macOS and Windows keychains do not hang off a bus that a test can take away.
describe.skipIf(process.platform !== 'linux')('without a Secret Service', () => {
  it('fails every keychain call with E_KEYCHAIN_UNAVAILABLE and keeps the secret nowhere', async () => {
    const secret = 'itk-must-not-be-kept-anywhere-5150';
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', fixture, testServiceName(), secret],
      {
        env: {
          ...process.env,
          DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(tempDir(), 'no-bus-here')}`,
        },
      },
    );
    const outcomes = JSON.parse(stdout.trim()) as Record<
      string,
      { ok: boolean; code?: string; message?: string }
    >;

    // Every operation fails loudly: in particular the read after the failed write does not
    // return the value from memory, and nothing answers "stored" from a fallback store.
    for (const [operation, outcome] of Object.entries(outcomes)) {
      expect({ operation, ok: outcome.ok, code: outcome.code }).toEqual({
        operation,
        ok: false,
        code: 'E_KEYCHAIN_UNAVAILABLE',
      });
      expect(outcome.message).toMatch(/gnome-keyring or KWallet/);
      expect(outcome.message).toMatch(/DAILIES_INTERNAL_TOKEN/);
    }
    expect(stdout + stderr).not.toContain(secret);
  });
});
