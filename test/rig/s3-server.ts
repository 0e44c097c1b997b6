import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  CreateBucketCommand,
  S3Client,
  type BucketLocationConstraint,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { startS3Store } from '../../src/stand-ins/s3-store/start-s3-store';
import { motoAvailable, motoMissingReason, motoRequired } from './moto-availability';

/** Which S3 server the tests talk to: moto (Python) or Dailies' own local store. */
export type S3Backend = 'moto' | 'local';

export interface S3ServerOptions {
  /** Bucket created at start; default 'dailies-test'. */
  bucket?: string;
  /** Default 'us-east-1'. */
  region?: string;
  /** The Python with moto installed; default `$DAILIES_PYTHON` or `python3` on PATH. */
  python?: string;
  /** How long moto may take to answer; default 30 s (a cold start on a busy machine). */
  startTimeoutMs?: number;
  /** Default: `chosenS3Backend()`. Passing `python` means moto. */
  backend?: S3Backend;
}

export interface S3TestServer {
  /** `http://127.0.0.1:PORT`, moto itself (put a fault proxy in front for checksum checks). */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** The moto server's own process id (not a pyenv shim's); this process for 'local'. */
  readonly pid: number;
  readonly backend: S3Backend;
  /**
   * An S3Client for this server, or for `endpointOverride` (a fault proxy in front of it),
   * configured as the app must be against S3-compatible stores; `extra` may add e.g.
   * `maxAttempts`. Clients are destroyed by `stop()`.
   */
  createClient(endpointOverride?: string, extra?: Partial<S3ClientConfig>): S3Client;
  /** Kills moto and waits for it to exit; safe to call twice. */
  stop(): Promise<void>;
}

const INSTALL_HINT = "Install moto's server with: pip install 'moto[server]'";

/** Thrown when Python or moto is not installed, with the command that fixes it. */
export class MotoMissingError extends Error {
  override readonly name = 'MotoMissingError';
}

/**
 * The backend `startS3Server` uses by default: `DAILIES_TEST_S3=moto|local` when set; else
 * moto when it is installed and the local store when not (so a machine without Python still
 * runs the sync tests); under CI=true always moto, and a missing moto fails.
 */
export function chosenS3Backend(): S3Backend {
  const asked = process.env.DAILIES_TEST_S3;
  if (asked === 'moto' || asked === 'local') return asked;
  if (asked !== undefined && asked !== '')
    throw new Error(`DAILIES_TEST_S3 must be 'moto' or 'local', not '${asked}'`);
  if (motoRequired) return 'moto';
  if (!motoAvailable) {
    console.warn(`S3 tests run against the local store: ${motoMissingReason}`);
    return 'local';
  }
  return 'moto';
}

/** moto does not check signatures; the local store accepts exactly this pair. None comes from
 * the machine. Tests give it to their profiles (and look for it in logs that must not hold it). */
export const TEST_CREDENTIALS = {
  accessKeyId: 'dailies-test',
  secretAccessKey: 'dailies-test-secret',
};

/** The environment for moto: the machine's AWS settings (AWS_CA_BUNDLE...) stay out of it. */
function motoEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('AWS_')) env[name] = value;
  }
  return env;
}

/**
 * The real interpreter behind `python`. A pyenv shim would stand between us and the server,
 * so the PID we kill would not be the server's.
 */
function resolvePython(python: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(python, ['-c', 'import sys; print(sys.executable)'], { env }, (error, stdout) => {
      if (error) {
        reject(
          new MotoMissingError(
            `Python (${python}) could not be run: ${error.message}. ${INSTALL_HINT}`,
          ),
        );
      } else {
        resolve(stdout.trim());
      }
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function answers(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(endpoint, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2_000, () => request.destroy());
  });
}

/** Starts moto and reads the port it chose (`-p 0`) from its banner. */
function launch(
  executable: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(executable, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // moto logs every request: keep reading (a full pipe would block it) but keep only the tail.
  let tail = '';
  let settled = false;
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`moto did not start within ${timeoutMs} ms:\n${tail}`)),
      timeoutMs,
    );
    const onOutput = (chunk: Buffer): void => {
      tail = (tail + chunk.toString('utf8')).slice(-4_000);
      const banner = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(tail);
      if (banner && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ child, port: Number(banner[1]), output: () => tail });
      }
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.once('error', (error) => fail(error));
    child.once('exit', (code) => {
      if (/No module named|ModuleNotFoundError/.test(tail)) {
        fail(
          new MotoMissingError(
            `moto's S3 server is not installed (${tail.trim().split('\n').pop()}). ${INSTALL_HINT}`,
          ),
        );
      } else {
        fail(new Error(`moto exited with code ${code} before it started:\n${tail}`));
      }
    });
  });
}

/**
 * Starts moto's real S3 server on a free loopback port with one bucket. Needs Python with
 * `moto[server]`; fails with a MotoMissingError naming the pip command when it is absent.
 */
export async function startS3Server(options: S3ServerOptions = {}): Promise<S3TestServer> {
  const backend = options.python !== undefined ? 'moto' : (options.backend ?? chosenS3Backend());
  return backend === 'local' ? startLocalServer(options) : startMotoServer(options);
}

function clientFactory(endpoint: string, region: string, clients: S3Client[]) {
  return (endpointOverride?: string, extra: Partial<S3ClientConfig> = {}): S3Client => {
    const client = new S3Client({
      endpoint: endpointOverride ?? endpoint,
      region,
      credentials: TEST_CREDENTIALS,
      forcePathStyle: true,
      // The SDK's 2025 defaults ('WHEN_SUPPORTED') send streamed bodies aws-chunked with a
      // checksum trailer, which several S3-compatible servers store corrupted. The app sends
      // its own checksums as headers instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...extra,
    });
    clients.push(client);
    return client;
  };
}

/** Dailies' own S3-compatible store (src/stand-ins/s3-store), in this process, on a temp dir. */
async function startLocalServer(options: S3ServerOptions): Promise<S3TestServer> {
  const region = options.region ?? 'us-east-1';
  const bucket = options.bucket ?? 'dailies-test';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-s3-store-'));
  const store = await startS3Store({ dataDir, credentials: [TEST_CREDENTIALS], region });
  const clients: S3Client[] = [];
  // public-read, like moto's buckets: moto answers anonymous ListObjectsV2 and HeadBucket, and
  // the fault proxy's tests send such raw unsigned requests. Objects stay private unless put
  // with ACL public-read, as on moto and S3.
  const admin = clientFactory(store.endpoint, region, clients)();
  await admin.send(new CreateBucketCommand({ Bucket: bucket, ACL: 'public-read' }));
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      for (const client of clients.splice(0)) client.destroy();
      await store.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };
  return {
    endpoint: store.endpoint,
    region,
    bucket,
    credentials: { ...TEST_CREDENTIALS },
    pid: process.pid,
    backend: 'local',
    createClient: clientFactory(store.endpoint, region, clients),
    stop,
  };
}

async function startMotoServer(options: S3ServerOptions): Promise<S3TestServer> {
  const region = options.region ?? 'us-east-1';
  const bucket = options.bucket ?? 'dailies-test';
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const env = motoEnv();
  const python = options.python ?? process.env.DAILIES_PYTHON ?? 'python3';
  const executable = await resolvePython(python, env);
  const { child, port } = await launch(executable, env, timeoutMs);

  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  // A test file that crashes must not leave moto behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    for (const client of clients.splice(0)) client.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const createClient = clientFactory(endpoint, region, clients);

  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await answers(endpoint))) {
      if (Date.now() > deadline) throw new Error(`moto on ${endpoint} does not answer`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const admin = createClient();
    await admin.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1'
          ? {}
          : {
              CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
            }),
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    endpoint,
    region,
    bucket,
    credentials: { ...TEST_CREDENTIALS },
    pid: child.pid!,
    backend: 'moto',
    createClient,
    stop,
  };
}
