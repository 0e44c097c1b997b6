import crypto from 'node:crypto';
import path from 'node:path';
import { startPlatformStandIn, type PlatformStandIn } from '../stand-ins/platform';
import { startS3Store, type S3Store } from '../stand-ins/s3-store/start-s3-store';

/** What the demo profile needs to reach and sign in to the stand-ins of this run. */
export interface DemoCredentials {
  internalToken: string;
  accessKeyId: string;
  secretAccessKey: string;
  email: string;
  password: string;
}

export interface DemoStandIns {
  s3: S3Store;
  platform: PlatformStandIn;
  bucket: string;
  credentials: DemoCredentials;
  stop(): Promise<void>;
}

/** Where the stand-ins answer and how to sign in: what a profile needs, wherever they run. */
export interface DemoStandInAddresses {
  s3: Pick<S3Store, 'endpoint' | 'region'>;
  platform: Pick<PlatformStandIn, 'baseUrl'>;
  bucket: string;
  credentials: DemoCredentials;
}

export const DEMO_BUCKET = 'dailies-demo';
export const DEMO_EDITOR = { email: 'editor@dailies.demo', name: 'Demo Editor' } as const;

const random = (bytes: number) => crypto.randomBytes(bytes).toString('hex');

/**
 * The local S3-compatible store and the platform stand-in on free loopback ports, their data
 * kept in the demo folder across runs. Credentials are new each run and live only in memory
 * (here and in the engine's session store): nothing secret is ever written to disk.
 */
export async function startDemoStandIns(dir: string): Promise<DemoStandIns> {
  const credentials: DemoCredentials = {
    internalToken: random(24),
    accessKeyId: `DEMO${random(8).toUpperCase()}`,
    secretAccessKey: random(20),
    email: DEMO_EDITOR.email,
    password: random(12),
  };
  const s3 = await startS3Store({
    dataDir: path.join(dir, 'bucket-store'),
    credentials: [
      { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    ],
    buckets: [DEMO_BUCKET],
  });
  let platform: PlatformStandIn;
  try {
    platform = await startPlatformStandIn({
      internalToken: credentials.internalToken,
      users: [{ email: credentials.email, password: credentials.password, name: DEMO_EDITOR.name }],
      dataFile: path.join(dir, 'platform.json'),
    });
  } catch (error) {
    await s3.stop();
    throw error;
  }
  return {
    s3,
    platform,
    bucket: DEMO_BUCKET,
    credentials,
    async stop() {
      await Promise.allSettled([platform.close(), s3.stop()]);
    },
  };
}
