import type { z } from 'zod';
import { dailiesError, isDailiesError, type ErrorValue } from '../../shared/contract';
import {
  desktopChannelNames,
  desktopChannels,
  type DesktopChannel,
  type DesktopChannels,
  type DesktopOutput,
  type DesktopResult,
} from '../../shared/desktop-ipc';
import type { FrameLike } from './trusted-frame';

/** Electron's IpcMainInvokeEvent, as far as we use it. */
export interface InvokeEventLike<Sender> {
  readonly senderFrame: FrameLike | null;
  readonly sender: Sender;
}

/** Electron's ipcMain, as far as we use it. */
export interface IpcMainLike<Sender> {
  handle(
    channel: string,
    listener: (event: InvokeEventLike<Sender>, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export type DesktopHandlers<Sender> = {
  [C in DesktopChannel]: (
    input: z.output<DesktopChannels[C]['input']>,
    sender: Sender,
  ) => Promise<DesktopOutput<C>>;
};

/**
 * Registers the one table of desktop channels. Every call is refused unless it comes from
 * our window's top frame, its input is validated against the channel's schema, and it
 * answers with a result value (an Error thrown through ipcMain reaches the page as an
 * unreadable string). Returns a function that removes every handler again.
 */
export function registerDesktopIpc<Sender>(options: {
  ipcMain: IpcMainLike<Sender>;
  handlers: DesktopHandlers<Sender>;
  isTrustedFrame: (frame: FrameLike | null) => boolean;
  log: (message: string, fields?: Record<string, unknown>) => void;
}): () => void {
  for (const channel of desktopChannelNames) {
    options.ipcMain.handle(channel, async (event, ...args) => {
      if (!options.isTrustedFrame(event.senderFrame)) {
        options.log('refused desktop call from a foreign frame', {
          channel,
          url: event.senderFrame?.url ?? null,
        });
        return failure({
          code: 'E_PERMISSION',
          message: 'This page may not use the desktop features of Dailies.',
          retryable: false,
        });
      }
      return handle(channel, args[0], event.sender, options);
    });
  }
  return () => {
    for (const channel of desktopChannelNames) options.ipcMain.removeHandler(channel);
  };
}

async function handle<C extends DesktopChannel, Sender>(
  channel: C,
  rawInput: unknown,
  sender: Sender,
  options: {
    handlers: DesktopHandlers<Sender>;
    log: (message: string, fields?: Record<string, unknown>) => void;
  },
): Promise<DesktopResult<unknown>> {
  const parsed = desktopChannels[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return failure({
      code: 'E_VALIDATION',
      message: `Some values are not valid (${parsed.error.issues[0]?.message ?? 'invalid input'}).`,
      retryable: false,
    });
  }
  try {
    // The table ties each handler to its own channel's input; indexing by the generic
    // channel loses that link, and the input was just parsed with this channel's schema.
    const handler = options.handlers[channel] as (
      input: unknown,
      sender: Sender,
    ) => Promise<unknown>;
    const value = await handler(parsed.data, sender);
    return { ok: true, value: desktopChannels[channel].output.parse(value) };
  } catch (error) {
    if (isDailiesError(error)) return failure(error.toValue());
    options.log('desktop call failed', { channel, error: String(error) });
    return failure(
      dailiesError('E_INTERNAL', 'Something went wrong in the Dailies window.').toValue(),
    );
  }
}

function failure(error: ErrorValue): DesktopResult<never> {
  return { ok: false, error };
}
