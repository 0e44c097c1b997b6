import os from 'node:os';
import path from 'node:path';

/**
 * The data dir when none is given: DAILIES_DATA_DIR, else the folder Electron's
 * app.getPath('userData') uses for an app named Dailies, so the CLI, the web host and the
 * desktop app share one catalog by default (the data-dir lock keeps them from doing so at
 * the same time).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.DAILIES_DATA_DIR) return path.resolve(env.DAILIES_DATA_DIR);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Dailies');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Dailies');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Dailies');
}
