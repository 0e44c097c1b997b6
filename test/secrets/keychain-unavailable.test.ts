import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { testServiceName } from './keychain-gate';

const run = promisify(execFile);
const fixtures = path.join(import.meta.dirname, 'fixtures');
const noBus = () => `unix:path=${path.join(tempDir(), 'no-bus-here')}`;

// macOS and Windows keychains do not hang off a bus that a test can take away.
describe.skipIf(process.platform !== 'linux')('without a Secret Service (Linux only)', () => {
  it('fails every keychain call with E_KEYCHAIN_UNAVAILABLE and keeps the secret nowhere', async () => {
    const secret = 'itk-must-not-be-kept-anywhere-5150';
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(fixtures, 'keychain-without-bus.ts'),
        testServiceName(),
        secret,
      ],
      {
        env: {
          ...process.env,
          DBUS_SESSION_BUS_ADDRESS: noBus(),
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

  it('lets a headless host run on environment secrets alone, and says so where the keychain is needed', async () => {
    const token = 'itk-headless-server-token-77aa';
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(fixtures, 'headless-without-keychain.ts'),
        testServiceName(),
        tempDir(),
      ],
      {
        env: {
          ...process.env,
          DBUS_SESSION_BUS_ADDRESS: noBus(),
          DAILIES_INTERNAL_TOKEN: token,
          AWS_ACCESS_KEY_ID: 'AKIAHEADLESS00000001',
          AWS_SECRET_ACCESS_KEY: 'headless/secret/access/key/000001',
          AWS_PROFILE: '',
          AWS_SHARED_CREDENTIALS_FILE: path.join(tempDir(), 'none'),
          AWS_CONFIG_FILE: path.join(tempDir(), 'none'),
        },
      },
    );
    const outcome = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(outcome.internalToken).toEqual({
      ok: true,
      value: { value: token, source: 'environment', origin: 'DAILIES_INTERNAL_TOKEN' },
    });
    expect(outcome.s3).toEqual({
      ok: true,
      value: { accessKeyId: 'AKIAHEADLESS00000001', source: 'environment' },
    });
    expect(outcome.status).toMatchObject({
      ok: true,
      value: {
        'internal-token': { state: 'set', source: 'environment', masked: '••••77aa' },
        's3-secret-access-key': { state: 'set', source: 'environment' },
        'platform-access-token': {
          state: 'unavailable',
          reason: expect.stringContaining('gnome-keyring or KWallet') as unknown,
        },
      },
    });
    // Without the variable the keychain is the only place left, and it cannot be asked:
    // that is an error, not "no token".
    expect(outcome.internalTokenWithoutEnv).toEqual({ ok: false, code: 'E_KEYCHAIN_UNAVAILABLE' });
  });
});
