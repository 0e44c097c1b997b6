import { z } from 'zod';
import { defineMethod } from './define';

export const toolSourceSchema = z.enum(['settings', 'env', 'bundled', 'path']);
export type ToolSource = z.infer<typeof toolSourceSchema>;

/** Where a media tool was found and what it says of itself. */
export const toolInfoSchema = z.object({
  path: z.string(),
  version: z.string(),
  source: toolSourceSchema,
});
export type ToolInfo = z.infer<typeof toolInfoSchema>;

export const toolStatusSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('found'), tool: toolInfoSchema }),
  z.object({ kind: z.literal('missing'), message: z.string() }),
]);
export type ToolStatus = z.infer<typeof toolStatusSchema>;

export const appInfoSchema = z.object({
  name: z.literal('Dailies'),
  version: z.string(),
  dataDir: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
  platform: z.string(),
  nodeVersion: z.string(),
  ffprobe: toolStatusSchema,
  ffmpeg: toolStatusSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appMethods = {
  'app.info': defineMethod({
    summary: 'Version, data directory and the ffmpeg/ffprobe the engine uses.',
    input: z.object({}).strict(),
    output: appInfoSchema,
  }),
};
