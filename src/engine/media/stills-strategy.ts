import type { VideoTrack } from '../../shared/contract/media';

/**
 * How the filmstrip's tiles are decoded, chosen per file:
 * - scan: decode every frame and pick the tiles with `fps` (exact times; cheap for short clips);
 * - keyframes: one pass that decodes only keyframes (`-skip_frame nokey`), tiles picked with
 *   `fps` (each tile the last keyframe at or before its time, as an input seek lands);
 * - seek: one input per tile with input seeking, for intra-only codecs (ProRes, DNxHD...),
 *   where every frame is a keyframe, so a keyframe pass would decode the whole file.
 *
 * Measured on 20 tiles (2 shared cores, ffmpeg 5.1, CPU seconds of the one run that also
 * writes the thumbnail):
 *                                   320x240 6 s   1080p 6 s   1080p 60 s
 *   scan (decode all + fps)             0.06 s      0.38 s      3.4 s
 *   seek per tile (21 decoders)         0.33 s      0.65 s      3.0 s
 *   keyframes, one pass                 0.14 s      0.17 s      0.4 s
 * Scanning grows with the number of decoded pixels; so: scan while the whole clip costs no
 * more to decode than about ten 1080p frames per tile, else keyframes, else (intra-only) seek
 * with one decoder thread per tile input, which cut a ProRes file from 4.5 to 2.8 CPU-s.
 */
export type StillsStrategy = 'scan' | 'keyframes' | 'seek';

const scanBudgetPerTile = 10 * 1920 * 1080;

/** Codecs whose every frame is a keyframe (ffprobe codec names). */
const intraOnlyCodecs = new Set([
  'prores',
  'dnxhd',
  'mjpeg',
  'jpeg2000',
  'dvvideo',
  'cfhd',
  'ffv1',
  'png',
  'rawvideo',
  'v210',
  'hap',
  'qtrle',
  'huffyuv',
  'utvideo',
]);

export function isIntraOnly(video: Pick<VideoTrack, 'codec' | 'profile'>): boolean {
  // H.264/HEVC intra profiles ("High 4:2:2 Intra", "Main 4:2:2 10 Intra") are all keyframes too.
  return intraOnlyCodecs.has(video.codec) || /\bintra\b/i.test(video.profile ?? '');
}

export function chooseStrategy(
  video: VideoTrack,
  durationSeconds: number,
  tiles: number,
): StillsStrategy {
  const frames = durationSeconds * (video.frameRate ?? 30);
  if (frames * video.width * video.height <= tiles * scanBudgetPerTile) return 'scan';
  return isIntraOnly(video) ? 'seek' : 'keyframes';
}

/** PQ (HDR10) and HLG sources need tone-mapping, or their stills come out grey and flat. */
export function needsToneMap(video: Pick<VideoTrack, 'colorTransfer'>): boolean {
  return video.colorTransfer === 'smpte2084' || video.colorTransfer === 'arib-std-b67';
}

/**
 * HDR to SDR BT.709 for a still: linear light (zscale), Hable curve (tonemap), back to
 * BT.709. Placed before scaling, it works on the few frames the graph keeps.
 */
export const toneMapChain =
  'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,' +
  'tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p';
