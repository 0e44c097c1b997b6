import type { MediaInfo, VideoTrack } from '../../shared/contract/media';

/**
 * How the filmstrip's tiles are decoded, chosen per file:
 * - scan: decode every frame and pick the tiles with `fps` (exact times; cheap for short clips);
 * - keyframes: one pass that decodes only keyframes (`-skip_frame nokey`), tiles picked with
 *   `fps` (each tile the last keyframe at or before its time, where an MP4 seek lands too);
 * - seek: one input per tile with input seeking, each decoding only the keyframe at or before
 *   its tile time: for intra-only codecs (ProRes, DNxHD...), where every frame is a keyframe,
 *   so a keyframe pass would decode the whole file; and for long inter-coded files in MP4, MOV
 *   or MXF, where the keyframe pass reads every packet and decodes hundreds of keyframes to
 *   keep a few.
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
 *
 * Long inter-coded files: H.264 1080p 24 fps (ultrafast, so no B-frames), 20 tiles, median
 * of 5 CPU-s on the same 2 cores (load 2-5 from other work), 2 s GOP unless said; "1 thread"
 * is the plan while analyses share the cores:
 *                           1 min   2 min   3 min   5 min   10 min   60 min
 *   keyframes, one pass      0.26    0.40    0.52    0.73     1.37     7.50
 *   seek per tile            0.46    0.45    0.47    0.45     0.46     0.52
 *   keyframes, 1 thread      0.22    0.32    0.44    0.56     1.04     5.58
 *   seek per tile, 1 thread  0.42    0.44    0.43    0.43     0.42     0.50
 *   0.5 s GOP, 1 thread                      0.79 / 0.38      2.44 / 0.40   (keyframes / seek)
 *   10 s GOP, 1 thread                       0.43 / 0.71      0.79 / 0.77
 *   720p, 1 thread                           0.26 / 0.27      0.59 / 0.26
 *   2160p, 2 min, 1 thread:                  1.27 / 1.51
 * The keyframe pass grows with the file: it reads every packet (84,318 of the hour's 86,400
 * against 959 for the seeks) and decodes every keyframe. A tile's seek lands on the keyframe
 * at or before its time and reads on to the next one, which it decodes too (the decoder gives
 * nothing in between, so `-t` cannot stop it sooner): it stays flat with the length and grows
 * with the GOP. The probe's stream header gives no GOP, so 2 s is assumed (camera originals
 * use 0.5-1 s, which only favours the seek more), and the seek is taken from five keyframes
 * per tile, 200 s for 20 tiles: just past the crossover with one thread (about 3 min; 2.5
 * with ffmpeg's own threads). A 10 s GOP pays for it between there and ten minutes (0.3 CPU-s
 * at 3 min at most); a short one gains from the first minutes on.
 */
export type StillsStrategy = 'scan' | 'keyframes' | 'seek';

const scanBudgetPerTile = 10 * 1920 * 1080;

/** Assumed keyframe interval when the probe tells none (see the table above). */
const assumedKeyframeSeconds = 2;
/** Keyframes per tile from which one seek per tile beats the keyframe pass (see above). */
const seekFromKeyframesPerTile = 5;

/**
 * Video bytes per tile from which one seek per tile beats the keyframe pass for H.264 however
 * few keyframes there are: the pass reads every packet. Measured (1080p, 20 tiles, CPU-s
 * keyframes / seek, 2 idle cores): 60 s at 14 Mbit/s, 5 MB a tile, 0.27 / 0.46; 180 s at
 * 32 Mbit/s, 36 MB a tile, 1.25 / 0.68 (median of 2); about even near 13 MB. HEVC is left to
 * the keyframe rule: a seek there costs several times a keyframe's decode (4K, 60 s at
 * 12 Mbit/s: 2.3 / 5.2).
 */
const seekFromBytesPerTile = 16 * 1024 * 1024;

/**
 * Containers whose index ffmpeg seeks by presentation time, landing on the keyframe at or
 * before the tile time: the same picture as the keyframe pass (byte-equal filmstrips for
 * H.264 with B-frames in MP4 and MPEG-2 long GOP in MXF). Matroska took the keyframe before
 * that one when it lay within 0.13 s of the tile time (ffmpeg seeks that much earlier in a
 * file with B-frames) and MPEG-TS, which has no index, the keyframe after: those keep the
 * keyframe pass, as do containers not tried.
 */
const exactSeekContainers = new Set(['mp4', 'mov', 'mxf']);

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
  file: Pick<MediaInfo, 'containerFamily'> & { video: VideoTrack },
  durationSeconds: number,
  tiles: number,
): StillsStrategy {
  const { video } = file;
  const frames = durationSeconds * (video.frameRate ?? 30);
  if (frames * video.width * video.height <= tiles * scanBudgetPerTile) return 'scan';
  if (isIntraOnly(video)) return 'seek';
  if (!exactSeekContainers.has(file.containerFamily)) return 'keyframes';
  const keyframes = durationSeconds / assumedKeyframeSeconds;
  if (keyframes >= seekFromKeyframesPerTile * tiles) return 'seek';
  const videoBytes = ((video.bitRate ?? 0) * durationSeconds) / 8;
  return video.codec === 'h264' && videoBytes >= seekFromBytesPerTile * tiles
    ? 'seek'
    : 'keyframes';
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
