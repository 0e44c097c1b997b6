import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createEngine } from '../../src/engine/create-engine';
import { inProcessApi } from '../../src/engine/rpc/in-process-api';
import { startPlatformStandIn, type PlatformStandIn } from '../../src/stand-ins/platform';
import { makeClip } from '../rig/media-fixtures';
import { startS3Server, type S3TestServer } from '../rig/s3-server';
import { tempDir } from '../helpers/temp-dir';
import { repoRoot, runDailies, type CliRun } from './run-dailies';

let bundle: Promise<string[]> | null = null;

/**
 * The bundled CLI (built once per test file under out/, so it resolves node_modules like the
 * installed one): about a second to start instead of tsx's several, for tests that run it
 * many times. Removed when the process exits.
 */
export function builtCli(): Promise<string[]> {
  bundle ??= (async () => {
    fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
    const outRoot = fs.mkdtempSync(path.join(repoRoot, 'out', '.test-build-'));
    process.on('exit', () => fs.rmSync(outRoot, { recursive: true, force: true }));
    await promisify(execFile)(process.execPath, ['scripts/build-node.mjs', '--outdir', outRoot], {
      cwd: repoRoot,
    });
    return [path.join(outRoot, 'cli', 'dailies.mjs')];
  })();
  return bundle;
}

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
  dailies(
    args: readonly string[],
    extraEnv?: Record<string, string>,
    stdin?: string,
  ): Promise<CliRun>;
  /** The command line that runs the bundled CLI (for a child the test drives itself). */
  entry: string[];
  /** Every key in the bucket, sorted. */
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startCliWorld(
  options: { profile?: { name?: string; bandwidthLimitBytesPerSecond?: number } } = {},
): Promise<CliWorld> {
  const s3 = await startS3Server({ backend: 'local' });
  const platform = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN });
  // Not tempDir(), which empties itself after the first test: the world lives until close().
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-cli-world-'));
  const engine = createEngine({ dataDir, host: 'cli', version: '0.0.0-test', startWork: false });
  try {
    await inProcessApi(engine).invoke('profiles.create', {
      name: options.profile?.name ?? 'Stand-in',
      apiBaseUrl: platform.baseUrl,
      bucket: s3.bucket,
      region: s3.region,
      s3Endpoint: s3.endpoint,
      forcePathStyle: true,
      ...(options.profile?.bandwidthLimitBytesPerSecond
        ? {
            upload: {
              concurrency: 1,
              partSizeBytes: 5 * 1024 * 1024,
              bandwidthLimitBytesPerSecond: options.profile.bandwidthLimitBytesPerSecond,
              timeWindow: null,
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
  const entry = await builtCli();
  return {
    dataDir,
    s3,
    platform,
    env,
    entry,
    dailies: (args, extraEnv = {}, stdin) =>
      runDailies(args, {
        env: { ...env, ...extraEnv },
        entry,
        ...(stdin === undefined ? {} : { stdin }),
      }),
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async close() {
      await Promise.allSettled([s3.stop(), platform.close()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
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
