import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { KeyringSecretStore } from '../../src/engine/secrets/keyring-secret-store';
import { tempDir } from '../helpers/temp-dir';
import { probeKeychain, testServiceName } from '../secrets/keychain-gate';
import { INTERNAL_TOKEN, startCliWorld, type CliWorld } from './cli-world';
import { runDailies } from './run-dailies';

const probe = await probeKeychain(
  new KeyringSecretStore({ redactor: new SecretRedactor(), service: testServiceName() }),
);

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(() => world?.close());

describe.skipIf(!probe.usable)('dailies profile (needs a usable OS keychain)', () => {
  it('adds, lists, switches, stores secrets from stdin, tests and removes profiles', async () => {
    // A data folder of its own, and no secret in the environment: only the keychain's.
    const dataDir = tempDir('dailies-cli-profiles-');
    const dailies = (args: string[], stdin?: string) =>
      runDailies(args, {
        env: { DAILIES_DATA_DIR: dataDir },
        entry: world.entry,
        ...(stdin === undefined ? {} : { stdin }),
      });
    expect((await dailies(['profile', 'list'])).stdout).toContain('No profiles yet');

    const where = [
      '--api-url',
      world.platform.baseUrl,
      '--bucket',
      world.s3.bucket,
      '--region',
      world.s3.region,
      '--endpoint',
      world.s3.endpoint,
      '--path-style',
    ];
    const first = await dailies(['profile', 'add', 'first', ...where]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Added the profile "first" \(\S+\)\.$/m);
    expect((await dailies(['profile', 'add', 'second', ...where, '--json'])).status).toBe(0);
    const listed = await dailies(['profile', 'list']);
    expect(listed.stdout).toMatch(/^\* first \(/m);
    expect(listed.stdout).toMatch(/^ {2}second \(/m);
    expect(listed.stdout).toContain(`s3://${world.s3.bucket}/`);

    const use = await dailies(['profile', 'use', 'second']);
    expect(use.stdout).toContain('"second" is now the active profile.');
    expect((await dailies(['profile', 'list'])).stdout).toMatch(/^\* second \(/m);

    // Secrets come in on stdin, as `pass show ... | dailies profile set-secret` sends them.
    const secrets = {
      'internal-token': INTERNAL_TOKEN,
      's3-access-key-id': world.s3.credentials.accessKeyId,
      's3-secret-access-key': world.s3.credentials.secretAccessKey,
    };
    for (const [kind, value] of Object.entries(secrets)) {
      const stored = await dailies(['profile', 'set-secret', 'second', kind], `${value}\n`);
      expect(stored.status, stored.stderr).toBe(0);
      expect(stored.stdout).toMatch(new RegExp(`^Stored ${kind} for "second": set \\(`, 'm'));
      expect(stored.stdout + stored.stderr).not.toContain(value);
    }
    const shown = [
      await dailies(['profile', 'list']),
      await dailies(['profile', 'list', '--json']),
    ];
    for (const run of shown) {
      expect(run.stdout).not.toContain(INTERNAL_TOKEN);
      expect(run.stdout).not.toContain(world.s3.credentials.secretAccessKey);
    }
    expect(shown[0]!.stdout).toMatch(/^\s+internal-token: set \(/m);

    const empty = await dailies(['profile', 'set-secret', 'second', 'internal-token'], '\n');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('No value was given: nothing stored.');
    const kind = await dailies(['profile', 'set-secret', 'second', 'password'], 'x\n');
    expect(kind.status).toBe(2);
    expect(kind.stderr).toContain('The kind is one of: internal-token');

    // The keychain's secrets are the ones used: the platform and the store accept them.
    const test = await dailies(['profile', 'test', 'second']);
    expect(test.stdout).toMatch(/^\s+pass\s+Internal token accepted/m);
    expect(test.stdout).toMatch(/^\s+pass\s+Bucket writable/m);
    expect(test.status).toBe(0);

    const removed = await dailies(['profile', 'remove', 'second']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(/^Removed "second" and its secrets \(.*internal-token/m);
    const after = await dailies(['profile', 'list']);
    expect(after.stdout).not.toContain('second');
    expect((await dailies(['profile', 'use', 'second'])).status).not.toBe(0);
  });
});
