import { z } from 'zod';

/** Engine -> spawner: start a tool (output capped at `max` bytes each), or kill one. */
export type ToSpawner =
  | { t: 'run'; id: number; file: string; args: readonly string[]; max: number }
  | { t: 'kill'; id: number };

/** Spawner -> engine. 'ready' carries the spawner's pid: its tools are its children. */
export const fromSpawnerSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ready'), pid: z.number().int() }),
  z.object({ t: z.literal('pid'), id: z.number().int(), pid: z.number().int() }),
  z.object({
    t: z.literal('error'),
    id: z.number().int(),
    code: z.string().nullable(),
    message: z.string(),
  }),
  z.object({
    t: z.literal('done'),
    id: z.number().int(),
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
    stdout: z.string(),
    stderr: z.string(),
  }),
]);
export type FromSpawner = z.infer<typeof fromSpawnerSchema>;

/**
 * Why a channel closed: the spawner went away or never came up ('gone': another may start),
 * the host has no spawner at all ('absent': tools start directly for good), or the engine is
 * stopping ('stopping': no tool starts any more).
 */
export type SpawnerClosed = 'gone' | 'absent' | 'stopping';

/**
 * How the engine talks to one spawner, whatever carries the messages: a Node child's IPC
 * (child-spawner-channel.ts) or a MessagePort the desktop app hands over
 * (port-spawner-channel.ts). ToolSpawner holds the rules; a channel only moves messages.
 */
export interface SpawnerChannel {
  send(message: ToSpawner): void;
  onMessage(listener: (data: unknown) => void): void;
  /** Told once when the spawner went away or could not be reached; nothing arrives after. */
  onClose(listener: (why: SpawnerClosed) => void): void;
  /** Whether the channel holds the engine's process open (only while a tool runs). */
  hold(on: boolean): void;
  /** Ends this link: the spawner kills the tools it started for it. */
  close(): void;
}

/** Opens a channel to a (new or running) spawner; called again after one went away. */
/**
 * Opens a channel to a spawner. `replace`: the last one stopped answering (alive but hung),
 * so a host that keeps one spawner process for many channels must start a new one instead.
 */
export type OpenSpawnerChannel = (options?: { replace?: boolean }) => SpawnerChannel;
