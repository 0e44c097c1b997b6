import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { startS3Server, type S3TestServer } from '../rig/s3-server';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { keychainRequired } from '../secrets/keychain-gate';
import { cleanEnv, dataDirFiles, movableClock, recordingCaller, testKeychain } from './profile-kit';

const keychain = await testKeychain();
const EDITOR = { email: 'mina@example.com', password: 'correct horse battery staple' };
const INTERNAL_TOKEN = 'itk-live-7c0ffee15bad5eed5a1tedf00d';
const KEY_ID = 'AKIADAILIESTESTKEY01';
const KEY_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYDAILIESKEY';

let platform: PlatformStandIn;
let s3: S3TestServer;

const noKeychain = !keychain.probe.usable;
afterAll(async () => {
  await keychain.clean();
  await platform?.close();
  await s3?.stop();
});
afterEach(() => keychain.clean());

describe('the OS keychain for profiles', () => {
  it.skipIf(!keychainRequired && !keychain.probe.usable)(
    'is usable (required when CI=true)',
    () => {
      expect(keychain.probe.usable ? 'usable' : keychain.probe.reason).toBe('usable');
    },
  );
});

describe.skipIf(noKeychain)('profiles, secrets and sign-in (needs a usable OS keychain)', () => {
  beforeAll(async () => {
    platform = await startPlatformStandIn({
      internalToken: INTERNAL_TOKEN,
      users: [{ ...EDITOR, name: 'Mina Park' }],
      tokenLifetimeSeconds: 300,
    });
    s3 = await startS3Server({ bucket: 'dailies-origin' });
  });

  const profileInput = (name: string) => ({
    name,
    apiBaseUrl: platform.baseUrl,
    bucket: s3.bucket,
    region: s3.region,
    s3Endpoint: s3.endpoint,
    forcePathStyle: true,
    keyPrefix: 'staging//dailies',
  });

  it('creates two profiles, stores secrets, switches, signs in and out, and removes one with its secrets', async () => {
    const clock = movableClock();
    const dataDir = tempDir();
    const engine = testEngine({
      dataDir,
      secrets: keychain.store,
      env: cleanEnv(),
      clock: clock.clock,
    });
    const api = recordingCaller(engine);

    const staging = await api.call('profiles.create', profileInput('Staging'));
    const production = await api.call('profiles.create', {
      ...profileInput('Production'),
      encryption: { kind: 'sse-s3' },
      upload: {
        concurrency: 2,
        partSizeBytes: 8 * 1024 * 1024,
        bandwidthLimitBytesPerSecond: 2_000_000,
        timeWindow: '20:00-07:00',
      },
    });
    expect(staging).toMatchObject({
      active: true,
      keyPrefix: 'staging/dailies/',
      deliveryRuleSetId: null,
    });
    expect(production.active).toBe(false);
    expect(production.upload.timeWindow).toBe('20:00-07:00');
    expect(production.secrets['internal-token']).toEqual({ state: 'not-set' });

    const stored = await api.call('profiles.setSecret', {
      profileId: staging.id,
      kind: 'internal-token',
      value: `${INTERNAL_TOKEN}\n`,
    });
    expect(stored.status).toEqual({
      state: 'set',
      source: 'keychain',
      origin: 'the Secret Service',
      masked: `••••${INTERNAL_TOKEN.slice(-4)}`,
    });
    await api.call('profiles.setSecret', {
      profileId: staging.id,
      kind: 's3-access-key-id',
      value: KEY_ID,
    });
    await api.call('profiles.setSecret', {
      profileId: staging.id,
      kind: 's3-secret-access-key',
      value: KEY_SECRET,
    });
    await api.call('profiles.setSecret', {
      profileId: production.id,
      kind: 'internal-token',
      value: 'itk-production-0000000000',
    });
    expect(await keychain.store.list()).toEqual(
      [
        `profile/${production.id}/internal-token`,
        `profile/${staging.id}/internal-token`,
        `profile/${staging.id}/s3-access-key-id`,
        `profile/${staging.id}/s3-secret-access-key`,
      ].sort(),
    );

    const switched = await api.call('profiles.activate', { id: production.id });
    expect(switched.active).toBe(true);
    const listed = await api.call('profiles.list', {});
    expect(listed.map((profile) => [profile.name, profile.active])).toEqual([
      ['Staging', false],
      ['Production', true],
    ]);

    const signedIn = await api.call('account.signIn', { profileId: staging.id, ...EDITOR });
    expect(signedIn).toMatchObject({
      state: 'signed-in',
      email: EDITOR.email,
      name: 'Mina Park',
      verified: true,
    });
    const expiresIn =
      signedIn.state === 'signed-in' ? Date.parse(signedIn.expiresAt) - clock.now().getTime() : 0;
    expect(expiresIn).toBeGreaterThan(290_000);
    expect(expiresIn).toBeLessThanOrEqual(300_000);
    expect(await api.call('account.status', { profileId: staging.id })).toMatchObject({
      state: 'signed-in',
    });
    expect(await api.call('account.status', { profileId: production.id })).toEqual({
      state: 'signed-out',
      profileId: production.id,
    });

    const out = await api.call('account.signOut', { profileId: staging.id });
    expect(out).toMatchObject({
      removedSecrets: ['platform-access-token'],
      platformNotified: true,
    });
    expect(platform.requests.some((request) => request.url === '/api/v1/auth/logout')).toBe(true);
    expect(await api.call('account.status', { profileId: staging.id })).toMatchObject({
      state: 'signed-out',
    });

    const removed = await api.call('profiles.remove', { id: staging.id });
    expect(removed).toEqual({
      removed: true,
      removedSecrets: ['internal-token', 's3-access-key-id', 's3-secret-access-key'],
      keychainEntriesLeft: false,
      activeId: production.id,
    });
    expect(await keychain.store.list()).toEqual([`profile/${production.id}/internal-token`]);
    const removeActive = await api.call('profiles.remove', { id: production.id });
    expect(removeActive).toMatchObject({ removedSecrets: ['internal-token'], activeId: null });
    expect(await keychain.store.list()).toEqual([]);

    // Nothing secret anywhere but the keychain: catalog (and its WAL), logs, every answer.
    await engine.dispose();
    const secrets = [
      INTERNAL_TOKEN,
      KEY_ID,
      KEY_SECRET,
      'itk-production-0000000000',
      EDITOR.password,
    ];
    const bearer = platform.requests.find((request) => request.headers.authorization)?.headers
      .authorization;
    expect(bearer).toMatch(/^Bearer .{20,}/);
    secrets.push(bearer!.slice('Bearer '.length));
    const files = dataDirFiles(dataDir);
    expect(files.map((entry) => entry.file).some((file) => file.endsWith('.log'))).toBe(true);
    for (const secret of secrets) {
      for (const { file, bytes } of files) {
        expect(bytes.includes(Buffer.from(secret)), `${secret.slice(0, 6)}… in ${file}`).toBe(
          false,
        );
      }
      for (const answer of api.answers) expect(answer).not.toContain(secret);
    }
  });

  it('says the sign-in expired and asks to sign in again once the token lifetime has passed', async () => {
    const clock = movableClock();
    const engine = testEngine({ secrets: keychain.store, env: cleanEnv(), clock: clock.clock });
    const api = recordingCaller(engine);
    const profile = await api.call('profiles.create', profileInput('Staging'));
    await api.call('account.signIn', { profileId: profile.id, ...EDITOR });

    clock.advance(301_000);
    const status = await api.call('account.status', { profileId: profile.id });
    expect(status).toMatchObject({ state: 'expired', email: EDITOR.email });
    expect(status.state === 'expired' && status.message).toMatch(/expired at .* Sign in again\./);
    expect((await api.call('profiles.get', { id: profile.id })).signIn).toMatchObject({
      expired: true,
    });

    const tested = await api.call('profiles.testConnection', { profileId: profile.id });
    expect(tested.checks.find((entry) => entry.id === 'sign-in')).toMatchObject({
      result: 'warn',
      code: 'E_PLATFORM_AUTH',
    });

    // Signing out an expired sign-in still forgets the token, without bothering the platform.
    expect(await api.call('account.signOut', { profileId: profile.id })).toMatchObject({
      removedSecrets: ['platform-access-token'],
      platformNotified: false,
    });
  });

  it('refuses a wrong password with the platform reason and stores nothing', async () => {
    const engine = testEngine({ secrets: keychain.store, env: cleanEnv() });
    const api = recordingCaller(engine);
    const profile = await api.call('profiles.create', profileInput('Staging'));
    const error = await api.fail('account.signIn', {
      profileId: profile.id,
      email: EDITOR.email,
      password: 'wrong-password-123',
    });
    expect(error.code).toBe('E_PLATFORM_AUTH');
    expect(await keychain.store.list()).toEqual([]);
    expect(JSON.stringify(error)).not.toContain('wrong-password-123');
  });
});
