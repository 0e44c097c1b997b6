import { z } from 'zod';
import { tmdbLanguageSchema } from './tmdb';

const toolPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .nullable()
  .describe('An explicit path to the binary; null means "find it for me".');

/** Engine-wide preferences. Per-profile settings (bucket, limits) live with profiles. */
export const settingsSchema = z.object({
  ffprobePath: toolPathSchema,
  ffmpegPath: toolPathSchema,
  extraVideoExtensions: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9]{1,10}$/, 'An extension is 1-10 letters or digits, without the dot'),
    )
    .max(50),
  analysisConcurrency: z.number().int().min(1).max(16).nullable(),
  thumbnailWidth: z.number().int().min(160).max(1920),
  filmstripFrames: z.number().int().min(4).max(100),
  theme: z.enum(['system', 'light', 'dark']),
  /** Desktop app: OS notifications when a batch finishes or needs the editor. */
  desktopNotifications: z.boolean(),
  /** Desktop app: look for, download and offer new versions. */
  autoUpdate: z.boolean(),
  /** The language of TMDB suggestions; the other one fills in text missing in it. */
  tmdbLanguage: tmdbLanguageSchema,
  /**
   * An edit to an asset already on the platform shows there only once its metadata is sent
   * again: true queues that re-send at each edit; false leaves it to the editor's click.
   */
  resendEditsAutomatically: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  ffprobePath: null,
  ffmpegPath: null,
  extraVideoExtensions: [],
  analysisConcurrency: null,
  thumbnailWidth: 640,
  filmstripFrames: 20,
  theme: 'system',
  desktopNotifications: true,
  autoUpdate: true,
  tmdbLanguage: 'ko-KR',
  resendEditsAutomatically: false,
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
