import type { ToolLauncher } from '../media/tool-launcher';
import path from 'node:path';
import type { AppInfo, Profile } from '../../shared/contract';
import { readAppInfo } from '../app/app-info';
import { writeSupportBundle } from '../app/support-bundle';
import type { CatalogDb } from '../catalog/open-catalog';
import { SettingsRepository } from '../catalog/repositories/settings-repository';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { SecretRedactor } from '../logging/redactor';
import type { ToolName } from '../media/locate-tools';
import { MediaTools } from '../media/media-tools';
import { fileToolVersionCache } from '../media/tool-version-cache';
import { SettingsService } from '../settings/settings-service';
import { assertToolPaths } from '../settings/tool-path-check';
import type { HandlersOf } from './domain-handlers';
import type { Clock } from '../time/clock';

export interface SettingsDomainDeps {
  db: CatalogDb;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  bundledToolPath: (name: ToolName) => string | null;
  app: { version: string; host: AppInfo['host']; dataDir: string };
  redactor: SecretRedactor;
  /** The profiles for a support bundle (composed later; called only when one is asked for). */
  profiles: () => Promise<Profile[]>;
  /** How the engine starts its tools (its own spawner). */
  launcher: ToolLauncher;
}

/** Engine-wide settings, the ffprobe/ffmpeg they point at, and app info. */
export function composeSettings(deps: SettingsDomainDeps) {
  const settings = new SettingsService(
    new SettingsRepository(deps.db),
    deps.events,
    deps.logger.child('settings'),
    deps.clock,
  );
  const tools = new MediaTools({
    env: deps.env,
    bundledPath: deps.bundledToolPath,
    settingsPath: (name) =>
      name === 'ffprobe' ? settings.get().ffprobePath : settings.get().ffmpegPath,
    // Each host asks the tools once per binary, not on every start (each `dailies info`).
    versions: fileToolVersionCache(path.join(deps.app.dataDir, 'tool-versions.json')),
    launcher: deps.launcher,
  });
  const handlers: HandlersOf<'app.' | 'settings.'> = {
    'app.info': () => readAppInfo(deps.app, tools),
    'app.supportBundle': ({ dir }) =>
      writeSupportBundle(
        {
          dataDir: deps.app.dataDir,
          appInfo: () => readAppInfo(deps.app, tools),
          settings: () => settings.get(),
          profiles: deps.profiles,
          redactor: deps.redactor,
          clock: deps.clock,
        },
        dir,
      ),
    'settings.get': async () => settings.get(),
    'settings.set': async (patch) => {
      await assertToolPaths(settings.get(), patch);
      return settings.set(patch);
    },
  };
  return { settings, tools, handlers };
}
