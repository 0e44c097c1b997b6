import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../rig/fault-proxy';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { s3ErrorXml } from '../../src/stand-ins/s3-store/s3-error-response';
import { startS3Server, type S3TestServer } from '../rig/s3-server';
import { testEngine } from '../helpers/engine';
import type { Engine } from '../../src/engine/create-engine';
import { cleanEnv, movableClock, recordingCaller, sessionSecretStore } from './profile-kit';

const INTERNAL_TOKEN = 'itk-connection-test-0123456789';
const WRONG_KEY_ID = 'AKIAWRONGWRONGWRONG1';

let platform: PlatformStandIn;
let s3: S3TestServer;
let proxy: FaultProxy;

beforeAll(async () => {
  platform = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN });
  s3 = await startS3Server({ bucket: 'dailies-origin' });
  // moto accepts any keys, so the proxy plays S3's refusal of an unknown access key id.
  proxy = await startFaultProxy({ target: s3.endpoint, mode: 's3' });
  proxy.addRule({
    when: (request) =>
      String(request.headers.authorization ?? '').includes(`Credential=${WRONG_KEY_ID}/`),
    fault: {
      kind: 'status',
      status: 403,
      body: s3ErrorXml(
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        'TEST',
      ),
    },
  });
});
afterAll(async () => {
  await proxy?.close();
  await platform?.close();
  await s3?.stop();
});

async function profileWith(
  engine: Engine,
  options: { token?: string; keyId?: string; bucket?: string; apiBaseUrl?: string } = {},
) {
  const api = recordingCaller(engine);
  const profile = await api.call('profiles.create', {
    name: 'Staging',
    apiBaseUrl: options.apiBaseUrl ?? platform.baseUrl,
    bucket: options.bucket ?? s3.bucket,
    region: s3.region,
    s3Endpoint: proxy.url,
    forcePathStyle: true,
    keyPrefix: 'dailies',
  });
  await api.call('profiles.setSecret', {
    profileId: profile.id,
    kind: 'internal-token',
    value: options.token ?? INTERNAL_TOKEN,
  });
  await api.call('profiles.setSecret', {
    profileId: profile.id,
    kind: 's3-access-key-id',
    value: options.keyId ?? s3.credentials.accessKeyId,
  });
  await api.call('profiles.setSecret', {
    profileId: profile.id,
    kind: 's3-secret-access-key',
    value: s3.credentials.secretAccessKey,
  });
  const result = await api.call('profiles.testConnection', { profileId: profile.id });
  const byId = Object.fromEntries(result.checks.map((entry) => [entry.id, entry]));
  return { result, byId, answers: api.answers };
}

describe('test connection', () => {
  it('passes against the platform stand-in and the local S3 server, and leaves no probe object', async () => {
    const engine = testEngine({ secrets: sessionSecretStore(), env: cleanEnv() });
    const { result, byId } = await profileWith(engine);
    expect(result.checks.map((entry) => [entry.id, entry.result])).toEqual([
      ['platform-health', 'pass'],
      ['internal-token', 'pass'],
      ['sign-in', 'warn'],
      ['bucket-reachable', 'pass'],
      ['bucket-writable', 'pass'],
      ['clock-skew', 'pass'],
    ]);
    expect(result.ok).toBe(true);
    expect(byId['bucket-writable']!.reason).toContain('"dailies/"');
    const client = s3.createClient();
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    expect(listed.KeyCount ?? 0).toBe(0);
    // The platform saw the harmless check only: nothing was created.
    expect(platform.store.contents()).toEqual([]);
  });

  it('fails the token check with the platform reason when the internal token is wrong', async () => {
    const engine = testEngine({ secrets: sessionSecretStore(), env: cleanEnv() });
    const { result, byId, answers } = await profileWith(engine, {
      token: 'itk-wrong-token-000000000',
    });
    expect(result.ok).toBe(false);
    expect(byId['internal-token']).toMatchObject({ result: 'fail', code: 'E_PLATFORM_AUTH' });
    expect(byId['internal-token']!.reason).toMatch(/internal token/i);
    expect(byId['bucket-writable']!.result).toBe('pass');
    for (const answer of answers) expect(answer).not.toContain('itk-wrong-token-000000000');
  });

  it('fails the bucket checks with S3 refusing an unknown access key id', async () => {
    const engine = testEngine({ secrets: sessionSecretStore(), env: cleanEnv() });
    const { byId } = await profileWith(engine, { keyId: WRONG_KEY_ID });
    expect(byId['bucket-reachable']).toMatchObject({ result: 'fail', code: 'E_S3_AUTH' });
    // HeadBucket answers carry no body (on AWS too), so only the 403 is known.
    expect(byId['bucket-reachable']!.reason).toMatch(
      /refused access .* \(403\): the S3 keys are wrong/,
    );
    expect(byId['bucket-writable']!.result).toBe('skip');
  });

  it('says the bucket does not exist when it is missing', async () => {
    const engine = testEngine({ secrets: sessionSecretStore(), env: cleanEnv() });
    const { byId } = await profileWith(engine, { bucket: 'no-such-bucket' });
    expect(byId['bucket-reachable']).toMatchObject({ result: 'fail', code: 'E_NOT_FOUND' });
    expect(byId['bucket-reachable']!.reason).toBe(
      `While testing the connection, the bucket "no-such-bucket" does not exist at ${new URL(proxy.url).host}.`,
    );
  });

  it('says nothing answers when the platform is down, and skips what needs it', async () => {
    const down = await startPlatformStandIn();
    const baseUrl = down.baseUrl;
    await down.close();
    const engine = testEngine({ secrets: sessionSecretStore(), env: cleanEnv() });
    const { result, byId } = await profileWith(engine, { apiBaseUrl: baseUrl });
    expect(result.ok).toBe(false);
    expect(byId['platform-health']).toMatchObject({ result: 'fail', code: 'E_NETWORK' });
    expect(byId['platform-health']!.reason).toContain('nothing is answering at that address');
    expect(byId['internal-token']!.result).toBe('skip');
    expect(byId['bucket-reachable']!.result).toBe('pass');
  });

  it('warns when this computer clock is far from the platform clock', async () => {
    const clock = movableClock();
    clock.advance(10 * 60 * 1000);
    const engine = testEngine({
      secrets: sessionSecretStore(),
      env: cleanEnv(),
      clock: clock.clock,
    });
    const { byId } = await profileWith(engine);
    expect(byId['clock-skew']).toMatchObject({ result: 'warn' });
    expect(byId['clock-skew']!.reason).toMatch(/ahead of the platform/);
  });
});

describe('profiles that would leak secrets', () => {
  it('refuses plain http to another host, naming the field and the reason', async () => {
    const engine = testEngine({ env: cleanEnv() });
    const result = await engine.dispatch('profiles.create', {
      name: 'Leaky',
      apiBaseUrl: 'http://api.example.com/api',
      bucket: 'origin-bucket',
      s3Endpoint: 'http://minio.example.com:9000',
    });
    expect(result.ok).toBe(false);
    const fields =
      (!result.ok && (result.error.details?.fields as { path: string; message: string }[])) || [];
    expect(result.ok === false && result.error.code).toBe('E_VALIDATION');
    expect(fields.map((field) => field.path)).toEqual(['apiBaseUrl', 's3Endpoint']);
    expect(fields[0]!.message).toMatch(
      /will not send the internal token .* over plain http to api\.example\.com/,
    );
    expect(fields[1]!.message).toMatch(/S3 keys over plain http to minio\.example\.com:9000/);
  });

  it('refuses an update that would switch to plain http, and keeps the profile as it was', async () => {
    const engine = testEngine({ env: cleanEnv() });
    const api = recordingCaller(engine);
    const profile = await api.call('profiles.create', {
      name: 'Prod',
      apiBaseUrl: 'https://api.example.com/api/',
      bucket: 'origin-bucket',
    });
    expect(profile.apiBaseUrl).toBe('https://api.example.com/api');
    const error = await api.fail('profiles.update', {
      id: profile.id,
      patch: { apiBaseUrl: 'http://10.0.0.5/api' },
    });
    expect(error.details?.fields).toEqual([
      { path: 'apiBaseUrl', message: expect.stringMatching(/plain http to 10\.0\.0\.5/) },
    ]);
    expect((await api.call('profiles.get', { id: profile.id })).apiBaseUrl).toBe(
      'https://api.example.com/api',
    );
  });
});
