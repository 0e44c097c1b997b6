import fs from 'node:fs';
import path from 'node:path';
import type { ToolInfo, ToolSource, ToolStatus } from '../../shared/contract';
import { runTool } from './run-tool';
import type { ToolLauncher, ToolStarter } from './tool-launcher';
import { isToolLaunchFailure } from './tool-spawner';
import type { ToolVersionCache } from './tool-version-cache';

export type ToolName = 'ffprobe' | 'ffmpeg';

export interface ToolLocatorInput {
  /** An explicit path from the editor's settings; wins over everything else. */
  settingsPath: string | null;
  env: NodeJS.ProcessEnv;
  /** Paths of the ffprobe-static / ffmpeg-static binaries, when those packages installed. */
  bundledPath: string | null;
  /** Answers to `-version` from earlier runs, for binaries that have not changed since. */
  versions?: ToolVersionCache;
  /** How the engine starts its tools (its own spawner); absent, directly. */
  launcher?: ToolLauncher;
}

const envVar: Record<ToolName, string> = { ffprobe: 'DAILIES_FFPROBE', ffmpeg: 'DAILIES_FFMPEG' };

/**
 * Finds a tool in the documented order (settings, environment, bundled, PATH) and asks it
 * for its version (remembered in `versions` while the binary is unchanged). The first candidate that exists and runs wins; one that is set but does
 * not run is reported rather than skipped, so a typo in a setting is not silently ignored.
 */
export async function locateTool(name: ToolName, input: ToolLocatorInput): Promise<ToolStatus> {
  const candidates: Array<{ source: ToolSource; file: string | null }> = [
    { source: 'settings', file: input.settingsPath },
    { source: 'env', file: input.env[envVar[name]] ?? null },
    { source: 'bundled', file: input.bundledPath },
    { source: 'path', file: findOnPath(name, input.env) },
  ];
  for (const { source, file } of candidates) {
    if (!file) continue;
    const explicit = source === 'settings' || source === 'env';
    if (!isExecutable(file)) {
      if (explicit)
        return missing(`${name} is set to ${file} (${source}) but no program is there.`);
      continue;
    }
    const version = await cachedVersion(name, file, input);
    if (version) return { kind: 'found', tool: { path: file, version, source } satisfies ToolInfo };
    if (explicit) return missing(`${name} at ${file} (${source}) is not ${name}: ${notTool(name)}`);
  }
  return missing(installHint(name));
}

function missing(reason: string): ToolStatus {
  return { kind: 'missing', message: reason };
}

export function installHint(name: ToolName): string {
  return (
    `${name} was not found. Install FFmpeg (Debian/Ubuntu: "sudo apt-get install ffmpeg"; ` +
    `macOS: "brew install ffmpeg"; Windows: "winget install ffmpeg"), or set its path in ` +
    `Settings or ${envVar[name]}.`
  );
}

/** The version recorded for this very binary, else asked of it (and recorded when it answers). */
async function cachedVersion(
  name: ToolName,
  file: string,
  { versions, launcher }: Pick<ToolLocatorInput, 'versions' | 'launcher'>,
): Promise<string | null> {
  const known = versions?.get(name, file);
  if (known) return known;
  const version = await readVersion(name, file, launcher);
  if (version) versions?.set(name, file, version);
  return version;
}

/**
 * The version a binary reports, or null unless it runs and its `-version` banner names the
 * tool ("ffprobe version 6.1 Copyright ..."): a path set to a shell or any other program is
 * never taken for ffprobe, since every file Dailies analyses would be handed to it. The answer
 * is kept for the session, so a spawner that went away under the question does not make it
 * "no": the tool is asked again, started directly.
 */
async function readVersion(
  name: ToolName,
  file: string,
  launcher?: ToolLauncher,
): Promise<string | null> {
  try {
    const ask = (via: ToolStarter | undefined) =>
      runTool(file, ['-hide_banner', '-version'], { timeoutMs: 10_000, launcher: via });
    const run = await ask(launcher).catch((error: unknown) => {
      if (isToolLaunchFailure(error)) return ask(launcher?.directly);
      throw error;
    });
    if (run.exitCode !== 0) return null;
    const banner = new RegExp(`^${name} version\\s+(\\S+)`, 'm').exec(run.stdout);
    return banner?.[1] ?? null;
  } catch {
    return null;
  }
}

function notTool(name: ToolName): string {
  return `it does not answer -version with "${name} version ...". Choose the ${name} program of an FFmpeg install.`;
}

/**
 * Whether `file` is the named tool, before the editor's settings point at it: the version it
 * reports, or the reason in the editor's words.
 */
export async function checkToolBinary(
  name: ToolName,
  file: string,
): Promise<{ ok: true; version: string } | { ok: false; message: string }> {
  if (!isExecutable(file)) return { ok: false, message: `There is no program at ${file}.` };
  const version = await readVersion(name, file);
  if (version) return { ok: true, version };
  return { ok: false, message: `${file} is not ${name}: ${notTool(name)}` };
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(name: ToolName, env: NodeJS.ProcessEnv): string | null {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of dirs) {
    for (const candidate of names) {
      const file = path.join(dir, candidate);
      if (isExecutable(file)) return file;
    }
  }
  return null;
}
