import type { ToolStatus } from '../../shared/contract';
import { dailiesError } from '../../shared/contract';
import { locateTool, type ToolName } from './locate-tools';
import type { ToolLauncher } from './tool-launcher';
import type { ToolVersionCache } from './tool-version-cache';

export interface MediaToolsDeps {
  env: NodeJS.ProcessEnv;
  bundledPath: (name: ToolName) => string | null;
  settingsPath: (name: ToolName) => string | null;
  /** Remembered `-version` answers (see tool-version-cache.ts); every lookup spawns without. */
  versions?: ToolVersionCache;
  /** How the engine starts its tools (its own spawner); absent, directly. */
  launcher?: ToolLauncher;
}

/**
 * The ffprobe/ffmpeg the engine uses. Resolved lazily and cached, since each lookup spawns
 * the tool; the cache is dropped when the editor changes a tool path in settings.
 */
export class MediaTools {
  readonly #cache = new Map<ToolName, Promise<ToolStatus>>();

  constructor(private readonly deps: MediaToolsDeps) {}

  status(name: ToolName): Promise<ToolStatus> {
    let pending = this.#cache.get(name);
    if (!pending) {
      pending = locateTool(name, {
        settingsPath: this.deps.settingsPath(name),
        env: this.deps.env,
        bundledPath: this.deps.bundledPath(name),
        ...(this.deps.versions ? { versions: this.deps.versions } : {}),
        ...(this.deps.launcher ? { launcher: this.deps.launcher } : {}),
      });
      this.#cache.set(name, pending);
    }
    return pending;
  }

  /** The binary's path, or E_FFMPEG_MISSING saying what to install. */
  async require(name: ToolName): Promise<string> {
    const status = await this.status(name);
    if (status.kind === 'found') return status.tool.path;
    throw dailiesError('E_FFMPEG_MISSING', status.message, { details: { tool: name } });
  }

  invalidate(): void {
    this.#cache.clear();
  }
}
