import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../rig/connect-proxy';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { startS3Server, type S3TestServer } from '../rig/s3-server';
import { testEngine } from '../helpers/engine';
import { cleanEnv, recordingCaller, sessionSecretStore } from './profile-kit';

const INTERNAL_TOKEN = 'itk-through-the-proxy-0123456';

let platform: PlatformStandIn;
let s3: S3TestServer;
let proxy: ConnectProxy;

beforeAll(async () => {
  platform = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN });
  s3 = await startS3Server({ bucket: 'dailies-origin' });
  proxy = await startConnectProxy();
});
afterAll(async () => {
  await proxy?.close();
  await platform?.close();
  await s3?.stop();
});

/** Headless: the secrets come from the environment, as on a server behind a proxy. */
async function testThrough(env: NodeJS.ProcessEnv) {
  const engine = testEngine({
    secrets: sessionSecretStore(),
    env: cleanEnv({
      ...env,
      DAILIES_INTERNAL_TOKEN: INTERNAL_TOKEN,
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    }),
  });
  const api = recordingCaller(engine);
  const profile = await api.call('profiles.create', {
    name: 'Behind a proxy',
    apiBaseUrl: platform.baseUrl,
    bucket: s3.bucket,
    region: s3.region,
    s3Endpoint: s3.endpoint,
    forcePathStyle: true,
  });
  expect(profile.secrets['internal-token']).toMatchObject({ state: 'set', source: 'environment' });
  return api.call('profiles.testConnection', { profileId: profile.id });
}

describe('networks behind a proxy', () => {
  it('sends platform and S3 traffic through HTTP(S)_PROXY', async () => {
    proxy.targets.length = 0;
    const result = await testThrough({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    expect(result.checks.filter((entry) => entry.result === 'fail')).toEqual([]);
    const platformHost = new URL(platform.baseUrl).host;
    const s3Host = new URL(s3.endpoint).host;
    expect(new Set(proxy.targets)).toEqual(new Set([platformHost, s3Host]));
  });

  it('goes direct to the hosts NO_PROXY names', async () => {
    proxy.targets.length = 0;
    const result = await testThrough({
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'localhost,127.0.0.1',
    });
    expect(result.ok).toBe(true);
    expect(proxy.targets).toEqual([]);
  });
});
