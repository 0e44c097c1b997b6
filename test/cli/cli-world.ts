import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createEngine } from '../../src/engine/create-engine';
import { inProcessApi } from '../../src/engine/rpc/in-process-api';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { makeClip } from '../rig/media-fixtures';
import { startS3Server, type S3TestServer } from '../rig/s3-server';
import { tempDir } from '../helpers/temp-dir';
import { runDailies, type CliRun } from './run-dailies';

export const INTERNAL_TOKEN = 'cli-test-internal-token';

/**
 * A data folder with a profile pointing at a local S3 store and the platform stand-in, and
 * the environment a headless CLI takes its secrets from (never the keychain).
 */
export interface CliWorld {
  dataDir: string;
  s3: S3TestServer;
  platform: PlatformStandIn;
  env: Record<string, string>;
  dailies(args: readonly string[], extraEnv?: Record<string, string>): Promise<CliRun>;
  /** Every key in the bucket, sorted. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startCliWorld(
  options: { profile?: { name?: string; timeWindow?: string | null } } = {},
): Promise<CliWorld> {
  const s3 = await startS3Server({ backend: 'local' });
  const platform = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN });
  const dataDir = tempDir('dailies-cli-world-');
  const engine = createEngine({ dataDir, host: 'cli', version: '0.0.0-test', startWork: false });
  try {
    await inProcessApi(engine).invoke('profiles.create', {
      name: options.profile?.name ?? 'Stand-in',
      apiBaseUrl: platform.baseUrl,
      bucket: s3.bucket,
      region: s3.region,
      s3Endpoint: s3.endpoint,
      forcePathStyle: true,
      ...(options.profile?.timeWindow
        ? {
            upload: {
              concurrency: 2,
              partSizeBytes: 5 * 1024 * 1024,
              bandwidthLimitBytesPerSecond: null,
              timeWindow: options.profile.timeWindow,
            },
          }
        : {}),
    });
  } finally {
    await engine.dispose();
  }
  const env = {
    DAILIES_DATA_DIR: dataDir,
    DAILIES_INTERNAL_TOKEN: INTERNAL_TOKEN,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
  };
  const client = s3.createClient();
  return {
    dataDir,
    s3,
    platform,
    env,
    dailies: (args, extraEnv = {}) => runDailies(args, { env: { ...env, ...extraEnv } }),
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async close() {
      await Promise.allSettled([s3.stop(), platform.close()]);
    },
  };
}

/** Short H.264 clips named the platform's way (`{content_id}_{slug}.mp4`) in a new folder. */
export async function makeClips(names: readonly string[], seconds = 2): Promise<string> {
  const dir = tempDir('dailies-cli-clips-');
  let tone = 400;
  for (const name of names) {
    await makeClip('ffmpeg', path.join(dir, name), seconds, '320x240', (tone += 50));
  }
  return dir;
}
