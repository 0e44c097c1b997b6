import type { ToolLauncher } from '../media/tool-launcher';
import type { AppInfo } from '../../shared/contract';
import type { EventListener } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { SecretRedactor } from '../logging/redactor';
import type { ToolName } from '../media/locate-tools';
import type { OpenSpawnerChannel } from '../media/spawner-channel';
import type { Dispatch } from '../rpc/dispatcher';
import type { SecretStore } from '../secrets/secret-store';
import type { RetryPolicy } from '../time/retry-policy';
import type { BandwidthLimiter } from '../storage/upload/bandwidth-limiter';
import type { Clock } from '../time/clock';
import type { UploaderOptions } from '../storage/upload/upload-types';

export interface EngineOptions {
  /** Where the catalog, thumbnails and logs live. Created when missing. */
  dataDir: string;
  /** Which host runs this engine; shown in app info and in the data-dir lock. */
  host: AppInfo['host'];
  version: string;
  env?: NodeJS.ProcessEnv;
  /**
   * The engine's one clock (now, sleep, random): every stamp, wait, backoff and jitter. The
   * system clock when not given; tests pass one they can freeze, move or drive.
   */
  clock?: Clock;
  /** The drizzle migrations folder; a packaged app passes its resources path. */
  migrationsDir?: string;
  bundledToolPath?: (name: ToolName) => string | null;
  redactor?: SecretRedactor;
  /** Mirror log lines somewhere besides the data dir (a console). */
  logEcho?: (line: string) => void;
  /** How long a watched file must stop growing before it is ingested (default 3 s). */
  watchSettleMs?: number;
  /**
   * Where secrets live; the OS keychain under the service "dailies" when not given. Tests
   * pass a KeyringSecretStore under a unique service name.
   */
  secrets?: SecretStore;
  /**
   * Whether the environment and the AWS chain come before the keychain (see
   * CredentialSources). Default: true for the CLI and the web host, false for the desktop.
   */
  headless?: boolean;
  /** How the queue retries a transient failure (a timeout, a file still changing). */
  jobRetryPolicy?: RetryPolicy;
  /** At most one job.progress event per job per this many ms (default 100). */
  jobProgressIntervalMs?: number;
  /**
   * At most this many items per step of a whole-batch call (assets.remove, jobs.pause...):
   * tests make a call of a thousand items span hundreds of steps, to stop it part-way.
   * Steps are sized by time when not given.
   */
  bulkStepItems?: number;
  /** How each sync step (an S3 call, a platform call) retries; bounded, then the asset fails. */
  syncRetryPolicy?: RetryPolicy;
  /** Uploader settings beyond the profile's (tests use small parts and thresholds). */
  uploaderOptions?: Partial<UploaderOptions>;
  /**
   * The limiter every upload shares (its rate follows the profile). Default: one on the engine's
   * clock; tests pass one on a virtual clock to check its accounting.
   */
  bandwidthLimiter?: BandwidthLimiter;
  /**
   * How ffmpeg/ffprobe runs reach this engine's tool spawner (its own, closed on dispose,
   * opened again after it went away). Default: a Node child of this process
   * (none inside Electron, whose binary cannot run Node scripts: tools start directly). The
   * desktop host passes a MessagePort channel to the spawner utility process main runs.
   */
  toolSpawner?: OpenSpawnerChannel;
  /** Told the pid of every ffmpeg/ffprobe the analysis starts (logs, leak checks in tests). */
  onToolSpawn?: (pid: number) => void;
  /**
   * Whether queued work starts when the engine opens: the job queue, sync holds, awaiting
   * analyses and watch folders (default true). A host that only reads or edits the catalog
   * (the CLI's `ls`, `show`, `--dry-run`) passes false, so opening it sends nothing.
   */
  startWork?: boolean;
  /** Where TMDB lives and how hard to try (the demo and tests point it at the stand-in). */
  tmdb?: TmdbOptions;
}

export interface TmdbOptions {
  /** Default https://api.themoviedb.org, or DAILIES_TMDB_BASE_URL. */
  baseUrl?: string;
  /** Default https://image.tmdb.org/t/p, or DAILIES_TMDB_IMAGE_BASE_URL. */
  imageBaseUrl?: string;
  /** One request's limit (default 10 s). */
  timeoutMs?: number;
  /** Retries of one request (timeouts, 5xx, 429 after its Retry-After). */
  retryPolicy?: RetryPolicy;
  /** How long an answer is used without asking TMDB again (default 7 days). */
  maxAgeMs?: number;
}

export interface Engine {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly redactor: SecretRedactor;
  /** How this engine starts ffmpeg/ffprobe: its own spawner (benchmarks and tests reach it). */
  readonly toolLauncher: ToolLauncher;
  /** Validates and runs one contract call. Every host goes through this. */
  readonly dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  dispose(): Promise<void>;
}
