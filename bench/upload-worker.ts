/**
 * The uploader in a process of its own, for bench/suites/upload.ts: its peak RSS and
 * event-loop lag are then the uploader's, not the harness's. Files go as sync sends them (see
 * `sendAsSyncAdmits`), not all at once. Argument: a JSON UploadWorkerInput.
 * Prints one JSON line: { ms, cpuMs, maxRssBytes, lagP99Ms, lagMaxMs, outcomes }.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { S3Client } from '@aws-sdk/client-s3';
import { fileURLToPath } from 'node:url';
import { openCatalog } from '../src/engine/catalog/open-catalog';
import type { Logger } from '../src/engine/logging/logger';
import { createUploader } from '../src/engine/storage/upload/create-uploader';
import type { PartBodyMode } from '../src/engine/storage/upload/part-body';
import type { UploaderOptions } from '../src/engine/storage/upload/upload-types';
import { UploadSessionRepository } from '../src/engine/catalog/repositories/upload-session-repository';
import { systemClock } from '../src/engine/time/clock';
import { createS3Client } from '../src/engine/storage/s3-client-factory';
import { createS3RequestHandler } from '../src/engine/network/s3-request-handler';
import { readNetworkConfig } from '../src/engine/network/network-config';
import { ConditionalWrites } from '../src/engine/storage/upload/conditional-writes';
import { ReadBuffers } from '../src/engine/storage/upload/read-buffers';
import { SharedS3Clients } from '../src/engine/sync/shared-s3-clients';
import { profileUploaderOptions } from '../src/engine/sync/sync-connection';
import { syncAdmission } from '../src/engine/sync/sync-admission';
import { defaultUploadSettings, type SyncJobSpec } from '../src/shared/contract';

export interface UploadWorkerInput {
  dataDir: string;
  endpoint: string;
  region: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  partBody: PartBodyMode;
  /** Other uploader options, for trials while tuning; the suite's figures use the defaults. */
  options?: Partial<UploaderOptions>;
  files: Array<{ path: string; key: string; sha256: string }>;
  /**
   * Trials only: places at once (the product: a profile's `upload.concurrency`, default 4;
   * a small file takes a quarter of one, see upload-places.ts),
   * and true gives each file an S3 client of its own (as sync did before shared-s3-clients.ts).
   */
  filesAtOnce?: number;
  clientPerFile?: boolean;
  /** Trials only: false reads each small file into a new buffer (as before read-buffers.ts). */
  keptReadBuffers?: boolean;
}

/**
 * Beside the bundle, where the suite copies them (as createEngine's default finds them in the
 * app). Not imported from create-engine: that would bundle the keyring's native module.
 */
const migrationsDir = fileURLToPath(new URL('./catalog/migrations', import.meta.url));
const input = JSON.parse(process.argv[2]!) as UploadWorkerInput;
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
fs.mkdirSync(input.dataDir, { recursive: true });
const catalog = openCatalog({
  dataDir: input.dataDir,
  migrationsDir,
  logger: silent,
});
const insertAsset = catalog.sqlite.prepare(
  `INSERT INTO assets (sha256, size_bytes, file_name, extension, title, slug, added_at, updated_at)
   VALUES (?, ?, 'f.mp4', 'mp4', 'F', 'f', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id`,
);
const network = readNetworkConfig(process.env);
const profile = { region: input.region, s3Endpoint: input.endpoint, forcePathStyle: true };
/** As the profiles domain builds one (s3ClientFor): the product's handler and settings. */
const newClient = async (): Promise<S3Client> =>
  createS3Client({
    profile,
    credentials: input.credentials,
    requestHandler: await createS3RequestHandler(network, {
      endpoint: profile.s3Endpoint,
      region: profile.region,
    }),
    logger: silent,
  });
/** As syncConnector builds them for a profile with the default upload settings. */
const uploaderOptions = profileUploaderOptions(defaultUploadSettings, input.options);
/** As syncConnector keeps them: one per profile and store, one for the whole engine. */
const writes = new ConditionalWrites();
const readBuffers = new ReadBuffers();
const clients = new SharedS3Clients<typeof profile>(newClient);

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
const started = process.hrtime.bigint();
/**
 * As sync runs them: a job per file, as many at once as the profile's places allow, each
 * job with a connection (an uploader and the profile's shared S3 client) of its own.
 */
const uploadOne = async (file: UploadWorkerInput['files'][number]) => {
  const stat = fs.statSync(file.path);
  const { id } = insertAsset.get(file.sha256, stat.size) as { id: number };
  const lent =
    input.clientPerFile === true
      ? await newClient().then((client) => ({ client, release: () => client.destroy() }))
      : await clients.lend('bench', profile, input.credentials);
  try {
    const uploader = createUploader({
      client: lent.client,
      sessions,
      writes,
      readBuffers: input.keptReadBuffers === false ? new ReadBuffers(0) : readBuffers,
      clock: systemClock,
      // As syncConnector sets them from a profile with the default upload settings.
      options: { ...uploaderOptions, partBody: input.partBody },
    });
    return await uploader.upload({
      assetId: id,
      filePath: file.path,
      bucket: input.bucket,
      key: file.key,
      sha256: file.sha256,
      expected: { sizeBytes: stat.size, mtimeMs: stat.mtimeMs },
      metadata: { content_id: '1', title: 'bench', description: '', age_rating: 'ALL' },
    });
  } finally {
    lent.release();
  }
};
const sessions = new UploadSessionRepository(catalog.db);
const outcomes: Array<Awaited<ReturnType<typeof uploadOne>>> = [];
await sendAsSyncAdmits(input.files, input.filesAtOnce ?? defaultUploadSettings.concurrency);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
lag.disable();
catalog.close();
process.stdout.write(
  `${JSON.stringify({
    ms,
    // The whole process's CPU, start-up included, as the peers' figures include theirs.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    maxRssBytes: peakRssBytes(),
    lagP99Ms: lag.percentile(99) / 1e6,
    lagMaxMs: lag.max / 1e6,
    outcomes: outcomes.map((outcome) => outcome.kind),
  })}\n`,
);

/**
 * As the queue admits sync jobs, through its own admission (sync-admission.ts): files start
 * in order, each once the sends under way leave room for its places within the profile's
 * upload concurrency. A file's place in `files` stands for its asset.
 */
async function sendAsSyncAdmits(files: UploadWorkerInput['files'], concurrency: number) {
  const admit = syncAdmission({
    uploadSettings: () => ({ ...defaultUploadSettings, concurrency }),
    sizeOf: (index) => fs.statSync(files[index]!.path).size,
    uploaderOptions: input.options,
  });
  const send = (index: number): SyncJobSpec => ({ kind: 'sync', assetId: index, profileId: 'p' });
  const underWay = new Map<number, Promise<void>>();
  let next = 0;
  while (next < files.length || underWay.size > 0) {
    for (; next < files.length; next += 1) {
      const running = [...underWay.keys()].map(send);
      if (!admit(send(next), running, [])) break;
      const index = next;
      const sent = uploadOne(files[index]!).then((outcome) => {
        outcomes.push(outcome);
        underWay.delete(index);
      });
      underWay.set(index, sent);
    }
    await Promise.race(underWay.values());
  }
}

/**
 * This process's own peak RSS. Not `resourceUsage().maxRSS`: Linux carries ru_maxrss over
 * fork + exec, so it reports the spawning harness's peak when that was higher (a harness that
 * had a file's worth of buffers read as a 550 MB uploader). VmHWM belongs to this process's
 * address space alone.
 */
function peakRssBytes(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS * 1024;
}
