import { z } from 'zod';
import type { DailiesBridge } from './contract/bridge';
import { errorValueSchema, type ErrorValue } from './contract/errors';
import type { EventPayload } from './contract/api';
import type { DesktopCommand } from './desktop-commands';

/**
 * What only the desktop shell can do, beside the engine contract: native dialogs and the
 * file manager. Main registers exactly these channels with ipcMain.handle (checking that the
 * caller is our window's top frame) and the preload exposes one narrow function for each.
 * The engine contract itself never crosses ipcMain: it runs over a MessagePort.
 */
export const desktopChannels = {
  /** The preload asks for (another) engine port: at start and after every page load. */
  'dailies:engine-connect': {
    input: z.object({}).strict(),
    output: z.object({ connected: z.literal(true) }),
  },
  'dailies:pick-files': {
    input: z.object({ title: z.string().max(200).optional() }).strict(),
    output: z.object({ paths: z.array(z.string()) }),
  },
  'dailies:pick-folder': {
    input: z.object({ title: z.string().max(200).optional() }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
  'dailies:reveal-in-folder': {
    input: z.object({ path: z.string().min(1) }).strict(),
    output: z.object({ revealed: z.boolean() }),
  },
  /** Restart to Update from the window: main asks first while uploads run. */
  'dailies:restart-to-update': {
    input: z.object({}).strict(),
    output: z.object({ asked: z.boolean() }),
  },
};

export type DesktopChannels = typeof desktopChannels;
export type DesktopChannel = keyof DesktopChannels;
export type DesktopInput<C extends DesktopChannel> = z.input<DesktopChannels[C]['input']>;
export type DesktopOutput<C extends DesktopChannel> = z.output<DesktopChannels[C]['output']>;

export const desktopChannelNames = Object.keys(desktopChannels) as DesktopChannel[];

export function isDesktopChannel(name: string): name is DesktopChannel {
  return Object.hasOwn(desktopChannels, name);
}

/** Desktop calls answer like the contract: a value or an error value, never a thrown Error. */
export type DesktopResult<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const desktopResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorValueSchema }),
]);

/** Main -> preload only: the renderer's end of a fresh MessageChannel to the engine. */
export const enginePortChannel = 'dailies:engine-port';
/** Main -> preload only: the engine process stopped, restarts, or cannot start. */
export const engineStatusChannel = 'dailies:engine-status';

export type EngineStatus = EventPayload<'engine.status'>;

/** The desktop-only functions the preload adds to window.dailies. */
export interface DesktopBridge {
  pickFiles(input?: DesktopInput<'dailies:pick-files'>): Promise<DesktopResult<string[]>>;
  pickFolder(input?: DesktopInput<'dailies:pick-folder'>): Promise<DesktopResult<string | null>>;
  revealInFolder(path: string): Promise<DesktopResult<boolean>>;
  /**
   * Installs a downloaded update (the question about running uploads comes first). False
   * when no update is downloaded. Optional like onCommand.
   */
  restartToUpdate?(): Promise<DesktopResult<boolean>>;
  /** The path of a file dropped on the window (File.path no longer exists under a sandbox). */
  pathForFile(file: unknown): string | null;
  /**
   * Commands from the application menu, notifications and files opened with Dailies, already
   * checked against desktopCommandSchema. Returns the unsubscribe. Optional so a page built
   * before the shell had menus (and test doubles) still satisfies the type.
   */
  onCommand?(listener: (command: DesktopCommand) => void): () => void;
}

/** window.dailies in Electron: the contract transport plus the desktop extras. */
export interface DailiesDesktopBridge extends DailiesBridge {
  readonly desktop: DesktopBridge;
}
