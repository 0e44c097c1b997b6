import type { AudioTrack, DeliveryVerdict, VideoTrack } from '../../../shared/contract';

/** Codec names as editors say them; ffprobe's short names otherwise, upper-cased. */
const codecNames: Record<string, string> = {
  h264: 'H.264',
  hevc: 'HEVC (H.265)',
  prores: 'ProRes',
  dnxhd: 'DNxHD',
  vp9: 'VP9',
  av1: 'AV1',
  mpeg2video: 'MPEG-2',
  mpeg4: 'MPEG-4 Part 2',
  aac: 'AAC',
  mp3: 'MP3',
  ac3: 'AC-3',
  eac3: 'E-AC-3',
  opus: 'Opus',
  flac: 'FLAC',
  pcm_s16le: 'PCM 16-bit',
  pcm_s24le: 'PCM 24-bit',
};

export function codecName(codec: string): string {
  return codecNames[codec] ?? codec.toUpperCase();
}

export function describeVideoCodec(video: VideoTrack): string {
  const parts = [codecName(video.codec)];
  if (video.profile) parts.push(video.profile);
  if (video.dynamicRange !== 'SDR') parts.push(video.dynamicRange);
  return parts.join(' · ');
}

/** 25 fps, 29.97 fps, 23.976 fps: two or three decimals only where the rate has them. */
export function formatFrameRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${Number(rate.toFixed(3))} fps`;
}

function channelsLabel(track: AudioTrack): string | null {
  if (track.channelLayout) return track.channelLayout;
  if (track.channels === 1) return 'mono';
  if (track.channels === 2) return 'stereo';
  return track.channels ? `${track.channels} ch` : null;
}

/** "AAC stereo 48 kHz (eng)". */
export function describeAudio(track: AudioTrack): string {
  const parts = [codecName(track.codec), channelsLabel(track)];
  if (track.sampleRate) parts.push(`${Math.round(track.sampleRate / 100) / 10} kHz`);
  if (track.language) parts.push(`(${track.language})`);
  return parts.filter(Boolean).join(' ');
}

export const verdictLabels: Record<DeliveryVerdict, string> = {
  pass: 'Meets delivery rules',
  warn: 'Meets delivery rules, with warnings',
  fail: 'Does not meet delivery rules',
};
