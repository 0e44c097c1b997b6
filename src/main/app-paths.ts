import path from 'node:path';

/** Where the built pieces live, relative to out/main/ (the bundle this code ends up in). */
export interface AppPaths {
  preload: string;
  engineProcess: string;
  /** The tool spawner's utility process: spawner-script.ts as a file (see electron.vite.config.ts). */
  toolSpawner: string;
  rendererDir: string;
  migrationsDir: string;
  icon: string | undefined;
}

/**
 * Packaged, the migrations are an extraResource (resources/migrations) because drizzle reads
 * them as files and nothing should be read out of the asar by path; in development they are
 * the source folder.
 */
export function resolveAppPaths(options: {
  mainDir: string;
  appPath: string;
  isPackaged: boolean;
  resourcesPath: string;
}): AppPaths {
  return {
    preload: path.join(options.mainDir, '../preload/index.cjs'),
    engineProcess: path.join(options.mainDir, 'engine-process.js'),
    toolSpawner: path.join(options.mainDir, 'tool-spawner.cjs'),
    rendererDir: path.join(options.mainDir, '../renderer'),
    migrationsDir: options.isPackaged
      ? path.join(options.resourcesPath, 'migrations')
      : path.join(options.appPath, 'src/engine/catalog/migrations'),
    // Packaged apps carry their icon in the executable; the dev window borrows build/icon.png.
    icon: options.isPackaged ? undefined : path.join(options.appPath, 'build/icon.png'),
  };
}
