import { z } from 'zod';
import { errorValueSchema } from './errors';

/** The platform's resolution labels, from the displayed size (see resolution-class.ts). */
/** PLATFORM_API.md's resolution classes, largest first. */
export const resolutionClasses = ['4K', '1440p', '1080p', '720p', '480p', 'SD'] as const;
export const resolutionClassSchema = z.enum(resolutionClasses);
export type ResolutionClass = z.infer<typeof resolutionClassSchema>;

/** Dynamic range as an editor names it, from the colour transfer of the video stream. */
export const dynamicRangeSchema = z.enum(['SDR', 'HDR10', 'HLG']);
export type DynamicRange = z.infer<typeof dynamicRangeSchema>;

export const videoTrackSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  profile: z.string().nullable(),
  pixelFormat: z.string().nullable(),
  /** Size as stored in the stream, before rotation and pixel aspect. */
  storedWidth: z.number().int(),
  storedHeight: z.number().int(),
  /** Size as a player shows it: rotation and non-square pixels applied. */
  width: z.number().int(),
  height: z.number().int(),
  /** Clockwise degrees a player turns the picture: 0, 90, 180 or 270. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Frames per second (average when known, else the stream's base rate); null if unknown. */
  frameRate: z.number().positive().nullable(),
  bitRate: z.number().int().nullable(),
  colorTransfer: z.string().nullable(),
  colorPrimaries: z.string().nullable(),
  colorSpace: z.string().nullable(),
  dynamicRange: dynamicRangeSchema,
});
export type VideoTrack = z.infer<typeof videoTrackSchema>;

export const audioTrackSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  channels: z.number().int().nullable(),
  channelLayout: z.string().nullable(),
  sampleRate: z.number().int().nullable(),
  /** ISO 639-2 code as tagged; null for untagged or "und". */
  language: z.string().nullable(),
  bitRate: z.number().int().nullable(),
});
export type AudioTrack = z.infer<typeof audioTrackSchema>;

export const subtitleTrackSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  language: z.string().nullable(),
  title: z.string().nullable(),
});
export type SubtitleTrack = z.infer<typeof subtitleTrackSchema>;

/** What one ffprobe run says of a file, normalised; the raw JSON is kept for later needs. */
export const mediaInfoSchema = z.object({
  /** ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm". */
  container: z.string(),
  /** The short name editors and delivery specs use: mp4, mov, mkv, webm, ts, mxf, avi... */
  containerFamily: z.string(),
  /** Seconds, exact as probed (the platform stores a float). */
  durationSeconds: z.number().nonnegative().nullable(),
  sizeBytes: z.number().int().nonnegative(),
  /** Overall bits per second. */
  bitRate: z.number().int().nullable(),
  /** The main (default, else first) video stream; null for audio-only files. */
  video: videoTrackSchema.nullable(),
  audio: z.array(audioTrackSchema),
  subtitles: z.array(subtitleTrackSchema),
  /** ISO 8601 as tagged by the camera or encoder, when present. */
  creationTime: z.string().nullable(),
  resolutionClass: resolutionClassSchema.nullable(),
  raw: z.unknown(),
});
export type MediaInfo = z.infer<typeof mediaInfoSchema>;

export const stillImageSchema = z.object({
  file: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Where in the clip the frame was taken, seconds. */
  atSeconds: z.number().nonnegative(),
});
export type StillImage = z.infer<typeof stillImageSchema>;

/** The filmstrip sprite: tiles left to right, top to bottom; the index maps each to a time. */
export const filmstripIndexSchema = z.object({
  image: z.string(),
  tileWidth: z.number().int().positive(),
  tileHeight: z.number().int().positive(),
  columns: z.number().int().positive(),
  rows: z.number().int().positive(),
  tiles: z.array(
    z.object({
      x: z.number().int().nonnegative(),
      y: z.number().int().nonnegative(),
      /** The point in the clip the tile stands for; it shows the nearest keyframe. */
      atSeconds: z.number().nonnegative(),
    }),
  ),
});
export type FilmstripIndex = z.infer<typeof filmstripIndexSchema>;

export const analysisWarningSchema = z.object({
  code: z.enum(['thumbnail-fallback', 'filmstrip-missing', 'decode-errors']),
  message: z.string(),
});
export type AnalysisWarning = z.infer<typeof analysisWarningSchema>;

export const analysisStageSchema = z.enum([
  'stat',
  'waiting',
  'probe',
  'integrity',
  'stills',
  'done',
]);
export type AnalysisStage = z.infer<typeof analysisStageSchema>;

/**
 * The outcome of analysing one file. A failure still carries the MediaInfo when the probe
 * succeeded, so an audio-only file can be catalogued and flagged rather than dropped.
 */
export const analysisOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('analysed'),
    mediaInfo: mediaInfoSchema,
    thumbnail: stillImageSchema,
    filmstrip: filmstripIndexSchema.nullable(),
    warnings: z.array(analysisWarningSchema),
  }),
  z.object({
    kind: z.literal('failed'),
    error: errorValueSchema,
    mediaInfo: mediaInfoSchema.nullable(),
    warnings: z.array(analysisWarningSchema),
  }),
]);
export type AnalysisOutcome = z.infer<typeof analysisOutcomeSchema>;

/** A named set of the rules a platform expects of a delivery. Empty lists mean "any". */
export const deliveryRuleSetSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Container families by short name: mp4, mov, mkv, webm, ts, mxf, avi. */
  containers: z.array(z.string().trim().toLowerCase().min(1)).default([]),
  videoCodecs: z.array(z.string().trim().toLowerCase().min(1)).default([]),
  audioCodecs: z.array(z.string().trim().toLowerCase().min(1)).default([]),
  /** Minimum displayed size, compared orientation-free (longer side to longer side). */
  minWidth: z.number().int().positive().nullable().default(null),
  minHeight: z.number().int().positive().nullable().default(null),
  maxDurationSeconds: z.number().positive().nullable().default(null),
  audioRequired: z.boolean().default(false),
  /** Allowed frame rates; a file within 0.01 fps of one passes (29.97 vs 30000/1001). */
  frameRates: z.array(z.number().positive()).default([]),
  /** Integrated loudness window in LUFS; measured with ebur128 only when set. */
  loudness: z
    .object({
      minLufs: z.number().min(-70).max(0),
      maxLufs: z.number().min(-70).max(0),
      /** Outside the window by no more than this is a warning, beyond it a failure. */
      toleranceLu: z.number().min(0).max(10).default(1),
    })
    .nullable()
    .default(null),
});
export type DeliveryRuleSet = z.infer<typeof deliveryRuleSetSchema>;
export type DeliveryRuleSetInput = z.input<typeof deliveryRuleSetSchema>;

export const deliveryVerdictSchema = z.enum(['pass', 'warn', 'fail']);
export type DeliveryVerdict = z.infer<typeof deliveryVerdictSchema>;

export const deliveryReportSchema = z.object({
  ruleSet: z.string(),
  verdict: deliveryVerdictSchema,
  findings: z.array(
    z.object({
      rule: z.enum([
        'container',
        'video-codec',
        'audio-codec',
        'resolution',
        'duration',
        'audio',
        'frame-rate',
        'loudness',
        'video',
      ]),
      verdict: z.enum(['warn', 'fail']),
      message: z.string(),
    }),
  ),
});
export type DeliveryReport = z.infer<typeof deliveryReportSchema>;
