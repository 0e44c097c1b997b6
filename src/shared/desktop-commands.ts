import { z } from 'zod';

/**
 * Main -> renderer: what the application menu, a notification click, a drop on the dock
 * icon or "Open with Dailies" asks the window to do. One channel, one schema: the renderer
 * runs the same store actions its buttons run, so a menu item and a button can never differ.
 */
export const desktopCommandChannel = 'dailies:command';

/** The views a command may open; the renderer's own list of views must contain these. */
export const desktopViewIds = ['library', 'queue', 'analysis', 'account', 'settings'] as const;
export type DesktopViewId = (typeof desktopViewIds)[number];

export const desktopCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('add-files') }).strict(),
  z.object({ command: z.literal('add-folder') }).strict(),
  z.object({ command: z.literal('send-to-platform') }).strict(),
  z.object({ command: z.literal('pause-uploads') }).strict(),
  z.object({ command: z.literal('find') }).strict(),
  z.object({ command: z.literal('show-view'), view: z.enum(desktopViewIds) }).strict(),
  /** A new version is downloaded: the window says so until the editor restarts or quits. */
  z.object({ command: z.literal('update-ready'), version: z.string().min(1).max(64) }).strict(),
  z
    .object({
      command: z.literal('ingest-paths'),
      paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    })
    .strict(),
]);
export type DesktopCommand = z.infer<typeof desktopCommandSchema>;
export type DesktopCommandName = DesktopCommand['command'];
