import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dailiesError,
  stubOwners,
  type AppInfo,
  type Handlers,
  type MethodName,
} from '../shared/contract';
import { readAppInfo } from './app/app-info';
import { acquireDataDirLock } from './catalog/data-dir-lock';
import { openCatalog } from './catalog/open-catalog';
import { SettingsRepository } from './catalog/repositories/settings-repository';
import { EventBus, type EventListener } from './events/event-bus';
import { createFileLogger, type Logger } from './logging/logger';
import { SecretRedactor } from './logging/redactor';
import { bundledToolPath } from './media/bundled-tools';
import type { ToolName } from './media/locate-tools';
import { MediaTools } from './media/media-tools';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { SettingsService } from './settings/settings-service';

export interface EngineOptions {
  /** Where the catalog, thumbnails and logs live. Created when missing. */
  dataDir: string;
  /** Which host runs this engine; shown in app info and in the data-dir lock. */
  host: AppInfo['host'];
  version: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** The drizzle migrations folder; a packaged app passes its resources path. */
  migrationsDir?: string;
  bundledToolPath?: (name: ToolName) => string | null;
  redactor?: SecretRedactor;
  /** Mirror log lines somewhere besides the data dir (a console). */
  logEcho?: (line: string) => void;
}

export interface Engine {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly redactor: SecretRedactor;
  /** Validates and runs one contract call. Every host goes through this. */
  readonly dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

export const defaultMigrationsDir = fileURLToPath(new URL('./catalog/migrations', import.meta.url));

/**
 * The composition root: every service is built here from explicit dependencies, so a test
 * makes a whole engine from a temp dir and nothing else changes.
 */
export function createEngine(options: EngineOptions): Engine {
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const lock = acquireDataDirLock(dataDir, options.host, now());
  const redactor = options.redactor ?? new SecretRedactor();
  const logger = createFileLogger({
    dir: path.join(dataDir, 'logs'),
    redactor,
    now,
    ...(options.logEcho ? { echo: options.logEcho } : {}),
  });

  let catalog;
  try {
    catalog = openCatalog({
      dataDir,
      migrationsDir: options.migrationsDir ?? defaultMigrationsDir,
      logger: logger.child('catalog'),
    });
  } catch (error) {
    lock.release();
    throw error;
  }

  const events = new EventBus();
  const settings = new SettingsService(
    new SettingsRepository(catalog.db),
    events,
    logger.child('settings'),
    now,
  );
  const tools = new MediaTools({
    env,
    bundledPath: options.bundledToolPath ?? bundledToolPath,
    settingsPath: (name) =>
      name === 'ffprobe' ? settings.get().ffprobePath : settings.get().ffmpegPath,
  });
  const stopToolWatch = events.subscribe((event) => {
    if (event.name === 'settings.changed') tools.invalidate();
  });

  const handlers: Handlers = {
    'app.info': () => readAppInfo({ version: options.version, host: options.host, dataDir }, tools),
    'settings.get': async () => settings.get(),
    'settings.set': async (patch) => settings.set(patch),
    'profiles.list': notImplemented('profiles.list'),
    'sync.enqueue': notImplemented('sync.enqueue'),
  };

  let disposed = false;
  const dispatch = createDispatcher(handlers, logger.child('rpc'));
  logger.info('engine started', { dataDir, host: options.host, version: options.version });
  events.emit('engine.ready', { dataDir });

  return {
    dataDir,
    logger,
    redactor,
    dispatch: (method, input) =>
      disposed
        ? Promise.resolve({
            ok: false,
            error: dailiesError('E_DISPOSED', 'Dailies is shutting down.').toValue(),
          })
        : dispatch(method, input),
    subscribe: (listener) => events.subscribe(listener),
    async dispose() {
      if (disposed) return;
      disposed = true;
      stopToolWatch();
      events.clear();
      catalog.close();
      logger.info('engine stopped');
      lock.release();
    },
  };
}

function notImplemented(method: keyof typeof stubOwners & MethodName): () => Promise<never> {
  return () =>
    Promise.reject(
      dailiesError(
        'E_NOT_IMPLEMENTED',
        `"${method}" is not built yet; it arrives with ${stubOwners[method]}.`,
      ),
    );
}
