import path from 'node:path';
import { z } from 'zod';
import type {
  AudioTrack,
  DynamicRange,
  MediaInfo,
  SubtitleTrack,
  VideoTrack,
} from '../../shared/contract/media';
import { resolutionClass } from '../../shared/resolution-class';

/*
 * The part of ffprobe's JSON we read. Loose on purpose: ffprobe 4.0 (the bundled
 * ffprobe-static) and 5.x+ differ in which fields they print, and numbers arrive as strings.
 */
const tagsSchema = z.record(z.string(), z.unknown()).optional();
const numberish = z.union([z.string(), z.number()]).optional();
const streamSchema = z.looseObject({
  index: z.number().int(),
  codec_type: z.string().optional(),
  codec_name: z.string().optional(),
  profile: z.string().optional(),
  pix_fmt: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  sample_aspect_ratio: z.string().optional(),
  r_frame_rate: z.string().optional(),
  avg_frame_rate: z.string().optional(),
  bit_rate: numberish,
  duration: numberish,
  color_transfer: z.string().optional(),
  color_primaries: z.string().optional(),
  color_space: z.string().optional(),
  channels: z.number().int().optional(),
  channel_layout: z.string().optional(),
  sample_rate: numberish,
  disposition: z.record(z.string(), z.number()).optional(),
  tags: tagsSchema,
  side_data_list: z.array(z.looseObject({ rotation: z.number().optional() })).optional(),
});
export const ffprobeOutputSchema = z.looseObject({
  streams: z.array(streamSchema).optional(),
  format: z
    .looseObject({
      format_name: z.string().optional(),
      filename: z.string().optional(),
      duration: numberish,
      size: numberish,
      bit_rate: numberish,
      tags: tagsSchema,
    })
    .optional(),
});
export type FfprobeOutput = z.infer<typeof ffprobeOutputSchema>;
type FfprobeStream = z.infer<typeof streamSchema>;

/**
 * Turns ffprobe's JSON into MediaInfo. Returns null when ffprobe recognised no container
 * (its JSON is then `{}`), which the caller reports as "not a media file".
 */
export function normaliseProbe(output: FfprobeOutput, fileSizeBytes: number): MediaInfo | null {
  const format = output.format;
  const streams = output.streams ?? [];
  if (!format?.format_name || streams.length === 0) return null;

  const video = pickVideo(streams);
  const durations = streams.map((s) => toNumber(s.duration)).filter((d) => d !== null);
  const durationSeconds =
    toNumber(format.duration) ?? (durations.length > 0 ? Math.max(...durations) : null);
  const videoTrack = video ? toVideoTrack(video) : null;

  return {
    container: format.format_name,
    containerFamily: containerFamily(
      format.format_name,
      tag(format.tags, 'major_brand'),
      format.filename,
    ),
    durationSeconds,
    sizeBytes: toInteger(format.size) ?? fileSizeBytes,
    bitRate: toInteger(format.bit_rate),
    video: videoTrack,
    audio: streams.filter((s) => s.codec_type === 'audio').map(toAudioTrack),
    subtitles: streams.filter((s) => s.codec_type === 'subtitle').map(toSubtitleTrack),
    creationTime: tag(format.tags, 'creation_time') ?? tag(video?.tags, 'creation_time'),
    resolutionClass: videoTrack ? resolutionClass(videoTrack.width, videoTrack.height) : null,
    raw: output,
  };
}

/**
 * ffprobe names demuxers, not formats: "mov,mp4,m4a,3gp,3g2,mj2" is one demuxer for all of
 * them, so QuickTime is told apart by its brand ("qt  "), WebM from Matroska by extension.
 */
export function containerFamily(
  formatName: string,
  majorBrand: string | null,
  filename = '',
): string {
  const ext = path.extname(filename).slice(1).toLowerCase();
  if (formatName.startsWith('mov,')) {
    if (majorBrand?.trim() === 'qt' || (!majorBrand && ext === 'mov')) return 'mov';
    return ext === 'm4a' ? 'm4a' : 'mp4';
  }
  if (formatName.startsWith('matroska')) return ext === 'webm' ? 'webm' : 'mkv';
  const known: Record<string, string> = { mpegts: 'ts', mxf: 'mxf', avi: 'avi', mpeg: 'mpg' };
  const first = formatName.split(',')[0] ?? formatName;
  return known[first] ?? first;
}

/**
 * The picture an editor means: the default video stream, else the first. Cover art in an
 * audio file is a "video" stream with attached_pic set; it is not video, so it is skipped.
 */
function pickVideo(streams: FfprobeStream[]): FfprobeStream | null {
  const candidates = streams.filter(
    (s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1,
  );
  return candidates.find((s) => s.disposition?.default === 1) ?? candidates[0] ?? null;
}

function toVideoTrack(stream: FfprobeStream): VideoTrack {
  const storedWidth = stream.width ?? 0;
  const storedHeight = stream.height ?? 0;
  const rotation = rotationOf(stream);
  // Non-square pixels widen the picture (anamorphic DV, HDV): players scale the width.
  const sar = parseRational(stream.sample_aspect_ratio, ':');
  const aspectWidth = sar !== null && sar > 0 ? Math.round(storedWidth * sar) : storedWidth;
  const turned = rotation === 90 || rotation === 270;
  const transfer = stream.color_transfer ?? null;
  return {
    index: stream.index,
    codec: stream.codec_name ?? 'unknown',
    profile: stream.profile ?? null,
    pixelFormat: stream.pix_fmt ?? null,
    storedWidth,
    storedHeight,
    width: turned ? storedHeight : aspectWidth,
    height: turned ? aspectWidth : storedHeight,
    rotation,
    frameRate: parseRational(stream.avg_frame_rate, '/') ?? parseRational(stream.r_frame_rate, '/'),
    bitRate: toInteger(stream.bit_rate),
    colorTransfer: transfer,
    colorPrimaries: stream.color_primaries ?? null,
    colorSpace: stream.color_space ?? null,
    dynamicRange: dynamicRangeOf(transfer),
  };
}

/**
 * Clockwise degrees. The display matrix (what phones write; ffprobe prints its angle
 * counter-clockwise, so it is negated) wins over the legacy `rotate` tag, which older
 * ffprobe builds (4.x) print as well and which newer ones drop.
 */
export function rotationOf(
  stream: Pick<FfprobeStream, 'side_data_list' | 'tags'>,
): VideoTrack['rotation'] {
  const matrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const tagged = toNumber(tag(stream.tags, 'rotate') ?? undefined);
  const clockwise = matrix !== undefined ? -matrix : (tagged ?? 0);
  const snapped = (((Math.round(clockwise / 90) * 90) % 360) + 360) % 360;
  return snapped as VideoTrack['rotation'];
}

function dynamicRangeOf(transfer: string | null): DynamicRange {
  if (transfer === 'smpte2084') return 'HDR10';
  if (transfer === 'arib-std-b67') return 'HLG';
  return 'SDR';
}

function toAudioTrack(stream: FfprobeStream): AudioTrack {
  return {
    index: stream.index,
    codec: stream.codec_name ?? 'unknown',
    channels: stream.channels ?? null,
    channelLayout: stream.channel_layout ?? null,
    sampleRate: toInteger(stream.sample_rate),
    language: language(stream),
    bitRate: toInteger(stream.bit_rate),
  };
}

function toSubtitleTrack(stream: FfprobeStream): SubtitleTrack {
  return {
    index: stream.index,
    codec: stream.codec_name ?? 'unknown',
    language: language(stream),
    title: tag(stream.tags, 'title'),
  };
}

function language(stream: FfprobeStream): string | null {
  const value = tag(stream.tags, 'language');
  return value && value !== 'und' ? value : null;
}

/** Tag keys differ in case between containers (Matroska writes LANGUAGE, mp4 language). */
function tag(tags: Record<string, unknown> | undefined, key: string): string | null {
  if (!tags) return null;
  const found = Object.entries(tags).find(([k]) => k.toLowerCase() === key);
  return found && typeof found[1] === 'string' && found[1] !== '' ? found[1] : null;
}

/** "30000/1001" -> 29.97; "0/0" and "N/A" -> null. */
export function parseRational(value: string | undefined, separator: '/' | ':'): number | null {
  if (!value) return null;
  const [num, den] = value.split(separator).map(Number);
  if (num === undefined || den === undefined || !Number.isFinite(num) || !Number.isFinite(den))
    return null;
  if (num <= 0 || den <= 0) return null;
  return num / den;
}

function toNumber(value: string | number | undefined): number | null {
  if (value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function toInteger(value: string | number | undefined): number | null {
  const n = toNumber(value);
  return n === null ? null : Math.round(n);
}
