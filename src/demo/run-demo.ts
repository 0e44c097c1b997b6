import fs from 'node:fs';
import path from 'node:path';
import type { DailiesApi } from '../shared/contract';
import { dailiesError } from '../shared/contract';
import { createEngine } from '../engine/create-engine';
import { SecretRedactor } from '../engine/logging/redactor';
import { inProcessApi } from '../engine/rpc/in-process-api';
import { SessionSecretStore } from '../engine/secrets/session-secret-store';
import { startWebHost } from '../web/web-host';
import { formatSummary, summariseBatch, type SummaryRow } from './batch-summary';
import { ensureDemoProfile } from './demo-profile';
import { startDemoStandIns } from './demo-stand-ins';
import { startTmdbStandIn } from '../stand-ins/tmdb';
import { ensureSampleSet, type SampleSize } from './sample-set';
import { sendBatch } from './send-batch';

export interface DemoOptions {
  /** The demo folder: samples, the catalog, the store's bucket and the platform's records. */
  dir: string;
  /** Start over: the demo folder is emptied first. */
  fresh: boolean;
  /** Ingest, analyse, send, print the summary and stop, without serving the UI. */
  once: boolean;
  sampleSize: SampleSize;
  /** The built renderer the web host serves (not needed with `once`). */
  rendererDir: string;
  /** The web host's port; 0 picks a free one. */
  port: number;
  version: string;
  log: (line: string) => void;
  /** Aborting stops everything the demo started, also part-way through the run. */
  signal?: AbortSignal;
}

export interface RunningDemo {
  rows: SummaryRow[];
  /** The address to open, when the UI is served. */
  url: string | null;
  /** Stops everything the demo started; safe to call twice. */
  stop(): Promise<void>;
}

/** Marks a folder the demo made, so `--fresh` never empties a folder that is not its own. */
const DEMO_MARKER = '.dailies-demo';

export const SESSION_STORE_DESCRIPTION = "this demo's memory (forgotten when it stops)";

/**
 * `npm run demo`: the whole job on this machine with no account, no cloud and no keychain.
 * Generates samples once, starts the local S3-compatible store and the platform stand-in,
 * points a demo profile at them, serves the UI (so the upload can be watched live), ingests,
 * analyses and sends every ready file, and prints a summary of where each one went.
 */
export async function runDemo(options: DemoOptions): Promise<RunningDemo> {
  const { dir, log } = options;
  prepareFolder(dir, options.fresh);
  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      for (const close of stops.reverse()) await close().catch(() => undefined);
    })());
  options.signal?.addEventListener('abort', () => void stop(), { once: true });

  try {
    const redactor = new SecretRedactor();
    // TMDB's stand-in first: the engine is pointed at it when it is made.
    const tmdb = await startTmdbStandIn();
    stops.push(() => tmdb.close());
    const engine = createEngine({
      dataDir: path.join(dir, 'catalog'),
      host: 'web',
      version: options.version,
      redactor,
      secrets: new SessionSecretStore({ redactor, description: SESSION_STORE_DESCRIPTION }),
      // The demo profile's secrets come from its session store only: keys in this shell's
      // environment (AWS_ACCESS_KEY_ID...) must not be sent to the demo's stand-ins.
      headless: false,
      tmdb: { baseUrl: tmdb.baseUrl, imageBaseUrl: tmdb.imageBaseUrl },
    });
    stops.push(() => engine.dispose());
    const api = inProcessApi(engine);
    // Suggestions work without a TMDB key: the stand-in's key lives in the session store.
    await api.invoke('tmdb.setToken', { value: tmdb.apiKey });

    log('Sample footage:');
    const samplesDir = path.join(dir, 'samples');
    await ensureSampleSet({
      dir: samplesDir,
      ffmpeg: await ffmpegPath(api),
      size: options.sampleSize,
      log,
      ...(options.signal ? { signal: options.signal } : {}),
    });

    const standIns = await startDemoStandIns(path.join(dir, 'stand-ins'));
    stops.push(() => standIns.stop());
    log(`Local S3-compatible store: ${standIns.s3.endpoint} (bucket ${standIns.bucket})`);
    log(`Platform stand-in:         ${standIns.platform.baseUrl}`);
    log(`TMDB stand-in:             ${tmdb.baseUrl} (metadata suggestions, no key needed)`);
    const profile = await ensureDemoProfile(api, standIns);
    log(`Profile "${profile.name}" is active, signed in as ${standIns.credentials.email}.`);

    let url: string | null = null;
    if (!options.once) {
      const host = await startWebHost({
        engine,
        rendererDir: options.rendererDir,
        port: options.port,
      });
      stops.push(() => host.close());
      url = host.url;
      log(`\nDailies is open at this address (watch the upload queue):\n\n  ${url}\n`);
    }

    const report = await sendBatch({ api, paths: [samplesDir], log });
    const rows = await summariseBatch({
      api,
      report,
      bucket: standIns.bucket,
      apiBaseUrl: standIns.platform.baseUrl,
    });
    log(`\n${formatSummary(rows)}\n`);
    if (options.once) await stop();
    return { rows, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function prepareFolder(dir: string, fresh: boolean): void {
  const marker = path.join(dir, DEMO_MARKER);
  if (fresh && fs.existsSync(dir)) {
    if (!fs.existsSync(marker) && fs.readdirSync(dir).length > 0) {
      throw dailiesError(
        'E_VALIDATION',
        `${dir} is not a demo folder (it has no ${DEMO_MARKER}); --fresh empties only its own.`,
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(marker, 'Made by `npm run demo`; `npm run demo -- --fresh` empties it.\n');
}

async function ffmpegPath(api: DailiesApi): Promise<string> {
  const info = await api.invoke('app.info', {});
  if (info.ffmpeg.kind === 'missing') throw dailiesError('E_FFMPEG_MISSING', info.ffmpeg.message);
  return info.ffmpeg.tool.path;
}
