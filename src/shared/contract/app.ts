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

/** Where a support bundle was written and what went into it. */
export const supportBundleSchema = z.object({
  /** The bundle, one JSON file: app info, versions, settings, profiles, logs. */
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The log files included, newest first. */
  logs: z.array(z.string()),
  profiles: z.number().int().nonnegative(),
});
export type SupportBundle = z.infer<typeof supportBundleSchema>;

export const appMethods = {
  'app.info': defineMethod({
    summary: 'Version, data directory and the ffmpeg/ffprobe the engine uses.',
    input: z.object({}).strict(),
    output: appInfoSchema,
  }),
  'app.supportBundle': defineMethod({
    summary:
      'Writes a support bundle (logs, versions, settings, profiles without secrets) to a file ' +
      'and says where. `dir` is an absolute folder; default: the support folder of the data dir.',
    input: z
      .object({
        dir: z
          .string()
          .trim()
          .min(1)
          .max(4096)
          .refine((dir) => dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir), {
            message: 'Give an absolute folder',
          })
          .optional(),
      })
      .strict(),
    output: supportBundleSchema,
  }),
};
