import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE } from '../../src/engine/logging/logger';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { CredentialSources } from '../../src/engine/secrets/credential-sources';
import { KeyringSecretStore } from '../../src/engine/secrets/keyring-secret-store';
import { secretAccount } from '../../src/engine/secrets/secret-accounts';
import { DailiesError } from '../../src/shared/contract';
import { tempDir } from '../helpers/temp-dir';
import { probeKeychain, testServiceName } from './keychain-gate';

// The real keychain under a throwaway service name. Tests where the environment or the AWS
// files win pass whether or not a keychain answers: they must not need it.
const service = testServiceName();
const store = new KeyringSecretStore({ redactor: new SecretRedactor(), service });
const probe = await probeKeychain(store);

const keychainKeys = { id: 'AKIAKEYCHAIN00000001', secret: 'keychain/secret/access/key/00000001' };
const envKeys = { id: 'AKIAENVIRONMENT00002', secret: 'environment/secret/access/key/000002' };
const fileKeys = { id: 'AKIASHAREDFILE000003', secret: 'shared/file/secret/access/key/00003' };

async function removeEverything(): Promise<void> {
  if (probe.usable) for (const account of await store.list()) await store.delete(account);
}
afterEach(removeEverything);
afterAll(removeEverything);

/** AWS files in a temp dir, so the machine's own ~/.aws is never read. */
function awsFiles(credentials = '', config = ''): NodeJS.ProcessEnv {
  const dir = tempDir('dailies-aws-');
  fs.writeFileSync(path.join(dir, 'credentials'), credentials);
  fs.writeFileSync(path.join(dir, 'config'), config);
  return {
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_CONFIG_FILE: path.join(dir, 'config'),
  };
}

function sources(env: NodeJS.ProcessEnv, headless = true) {
  const redactor = new SecretRedactor();
  const logDir = tempDir();
  const logger = createFileLogger({ dir: logDir, redactor, now: () => new Date(0) });
  const credentials = new CredentialSources({ store, redactor, env, logger, headless });
  return { credentials, redactor, log: () => readLog(logDir) };
}

function readLog(dir: string): string {
  const file = path.join(dir, LOG_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

async function storeKeychainKeys(profileId: string): Promise<void> {
  await store.set(secretAccount(profileId, 's3-access-key-id'), keychainKeys.id);
  await store.set(secretAccount(profileId, 's3-secret-access-key'), keychainKeys.secret);
}

async function failure(promise: Promise<unknown>): Promise<DailiesError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DailiesError);
  return error as DailiesError;
}

describe('S3 keys from the environment and the AWS shared files', () => {
  it('uses AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN first, and masks them in logs', async () => {
    const { credentials, redactor } = sources({
      ...awsFiles(
        `[default]\naws_access_key_id=${fileKeys.id}\naws_secret_access_key=${fileKeys.secret}\n`,
      ),
      AWS_ACCESS_KEY_ID: envKeys.id,
      AWS_SECRET_ACCESS_KEY: envKeys.secret,
      AWS_SESSION_TOKEN: 'session-token-from-the-environment',
      AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z',
    });
    const keys = await credentials.s3Credentials('1');
    expect(keys).toEqual({
      accessKeyId: envKeys.id,
      secretAccessKey: envKeys.secret,
      sessionToken: 'session-token-from-the-environment',
      expiration: new Date('2030-01-01T00:00:00Z'),
      source: 'environment',
      origin: 'AWS_ACCESS_KEY_ID',
    });
    expect(redactor.redact(`key ${envKeys.secret} token session-token-from-the-environment`)).toBe(
      'key *** token ***',
    );
  });

  it('prefers the environment keys over AWS_PROFILE and says so in the log', async () => {
    const { credentials, log } = sources({
      ...awsFiles(
        `[media]\naws_access_key_id=${fileKeys.id}\naws_secret_access_key=${fileKeys.secret}\n`,
      ),
      AWS_PROFILE: 'media',
      AWS_ACCESS_KEY_ID: envKeys.id,
      AWS_SECRET_ACCESS_KEY: envKeys.secret,
    });
    expect((await credentials.s3Credentials('1'))?.accessKeyId).toBe(envKeys.id);
    expect(log()).toContain('AWS_ACCESS_KEY_ID and AWS_PROFILE are both set');
  });

  it('reads the AWS_PROFILE named in the shared credentials file', async () => {
    const { credentials } = sources({
      ...awsFiles(
        `[default]\naws_access_key_id=AKIADEFAULTDEFAULT00\naws_secret_access_key=default-secret-000000\n` +
          `[media]\naws_access_key_id=${fileKeys.id}\naws_secret_access_key=${fileKeys.secret}\n`,
      ),
      AWS_PROFILE: 'media',
    });
    expect(await credentials.s3Credentials('1')).toEqual({
      accessKeyId: fileKeys.id,
      secretAccessKey: fileKeys.secret,
      source: 'aws-profile',
      origin: 'AWS_PROFILE=media',
    });
  });

  it('reads a profile defined in the AWS config file', async () => {
    const { credentials } = sources({
      ...awsFiles(
        '',
        `[profile uploads]\naws_access_key_id=${fileKeys.id}\naws_secret_access_key=${fileKeys.secret}\n`,
      ),
      AWS_PROFILE: 'uploads',
    });
    expect((await credentials.s3Credentials('1'))?.secretAccessKey).toBe(fileKeys.secret);
  });

  it('refuses an AWS_PROFILE that is not in the files instead of quietly using other keys', async () => {
    const { credentials } = sources({
      ...awsFiles(
        `[other]\naws_access_key_id=${fileKeys.id}\naws_secret_access_key=${fileKeys.secret}\n`,
      ),
      AWS_PROFILE: 'missing',
    });
    const error = await failure(credentials.s3Credentials('1'));
    expect(error.code).toBe('E_S3_AUTH');
    expect(error.message).toContain('AWS_PROFILE is "missing"');
    expect(JSON.stringify(error.toValue())).not.toContain(fileKeys.secret);
  });

  it('refuses half a key pair in the environment', async () => {
    const { credentials } = sources({ ...awsFiles(), AWS_ACCESS_KEY_ID: envKeys.id });
    const error = await failure(credentials.s3Credentials('1'));
    expect(error.code).toBe('E_S3_AUTH');
    expect(error.message).toBe(
      'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not. Set both, or neither.',
    );
  });
});

describe.skipIf(!probe.usable)('falling back to the keychain (needs a usable OS keychain)', () => {
  it('uses the keys stored for the profile when the environment has none', async () => {
    await storeKeychainKeys('7');
    // A [default] profile in the AWS files is not picked up unless AWS_PROFILE names it:
    // it would otherwise override every Dailies profile's own keys.
    const { credentials } = sources(
      awsFiles(
        `[default]\naws_access_key_id=${fileKeys.id}\naws_secret_access_key=${fileKeys.secret}\n`,
      ),
    );
    expect(await credentials.s3Credentials('7')).toEqual({
      accessKeyId: keychainKeys.id,
      secretAccessKey: keychainKeys.secret,
      source: 'keychain',
      origin: store.description,
    });
    expect(await credentials.s3Credentials('8')).toBeNull();
  });

  it('says which half is missing when only one S3 key is stored', async () => {
    await store.set(secretAccount('9', 's3-access-key-id'), keychainKeys.id);
    const error = await failure(sources(awsFiles()).credentials.s3Credentials('9'));
    expect(error.code).toBe('E_S3_AUTH');
    expect(error.message).toContain('Only the S3 access key id is stored');
  });

  it('takes DAILIES_INTERNAL_TOKEN before the keychain on the CLI, and the keychain otherwise', async () => {
    await store.set(secretAccount('1', 'internal-token'), 'itk-from-the-keychain-0001');
    const env = { ...awsFiles(), DAILIES_INTERNAL_TOKEN: 'itk-from-the-environment-02\n' };

    expect(await sources(env).credentials.internalToken('1')).toEqual({
      value: 'itk-from-the-environment-02',
      source: 'environment',
      origin: 'DAILIES_INTERNAL_TOKEN',
    });
    expect(await sources(awsFiles()).credentials.internalToken('1')).toMatchObject({
      value: 'itk-from-the-keychain-0001',
      source: 'keychain',
    });
    expect(await sources(env).credentials.internalToken('2')).toMatchObject({
      source: 'environment',
    });
  });

  it('ignores the environment in the desktop app, where the editor stored the keys', async () => {
    await store.set(secretAccount('1', 'internal-token'), 'itk-from-the-keychain-0001');
    await storeKeychainKeys('1');
    const env = {
      ...awsFiles(),
      DAILIES_INTERNAL_TOKEN: 'itk-from-the-environment-02',
      AWS_ACCESS_KEY_ID: envKeys.id,
      AWS_SECRET_ACCESS_KEY: envKeys.secret,
    };
    const { credentials } = sources(env, false);
    expect((await credentials.internalToken('1'))?.value).toBe('itk-from-the-keychain-0001');
    expect((await credentials.s3Credentials('1'))?.accessKeyId).toBe(keychainKeys.id);
  });

  it('reports each secret as set or not set with a masked tail and never the value', async () => {
    await store.set(secretAccount('1', 'platform-access-token'), 'pat-0123456789-abcd');
    await storeKeychainKeys('1');
    const { credentials } = sources({
      ...awsFiles(),
      DAILIES_INTERNAL_TOKEN: 'itk-from-the-environment-1a2b',
    });
    const status = await credentials.status('1');
    expect(status).toEqual({
      'internal-token': {
        state: 'set',
        source: 'environment',
        origin: 'DAILIES_INTERNAL_TOKEN',
        masked: '••••1a2b',
      },
      'platform-access-token': {
        state: 'set',
        source: 'keychain',
        origin: store.description,
        masked: '••••abcd',
      },
      's3-access-key-id': {
        state: 'set',
        source: 'keychain',
        origin: store.description,
        masked: '••••0001',
      },
      's3-secret-access-key': {
        state: 'set',
        source: 'keychain',
        origin: store.description,
        masked: '••••0001',
      },
    });
    const text = JSON.stringify(status);
    for (const value of [
      'itk-from-the-environment-1a2b',
      'pat-0123456789-abcd',
      keychainKeys.id,
      keychainKeys.secret,
    ]) {
      expect(text).not.toContain(value);
    }
    expect((await sources(awsFiles()).credentials.status('2'))['internal-token']).toEqual({
      state: 'not-set',
    });
  });
});
