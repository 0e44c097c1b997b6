import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/engine/media/probe';
import {
  decodeThreadsFor,
  defaultStillsOptions,
  planStills,
  scaleTo,
} from '../../src/engine/media/stills-plan';
import { chooseStrategy } from '../../src/engine/media/stills-strategy';
import { renderStills } from '../../src/engine/media/thumbnail';
import { makeClip } from '../rig/media-fixtures';
import { probeImage } from './media-test-kit';

const run = promisify(execFile);
const quiet = ['-hide_banner', '-loglevel', 'error', '-y'];
const hasZscale = /\bzscale\b/.test(
  execFileSync('ffmpeg', ['-hide_banner', '-filters']).toString(),
);

let root = '';
const clips = {
  long: '',
  portrait: '',
  prores: '',
  pq: '',
  tenMinutes: '',
  bFrames: '',
  mpeg2Mxf: '',
};
beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-stills-'));
  const at = (name: string) => path.join(root, name);
  clips.long = at('long-1080p.mp4');
  clips.portrait = at('portrait.mp4');
  clips.prores = at('prores.mov');
  clips.pq = at('pq.mp4');
  clips.tenMinutes = at('ten-minutes.mp4');
  clips.bFrames = at('b-frames.mp4');
  clips.mpeg2Mxf = at('long-gop.mxf');
  await Promise.all([
    makeClip('ffmpeg', clips.long, 12, '1920x1080', 500),
    makeClip('ffmpeg', clips.portrait, 12, '1080x1920', 700),
    lavfi(clips.prores, 'testsrc2=size=1280x720:rate=25:duration=6', ['-c:v', 'prores_ks']),
    // Flat PQ signal at about 200 nits, HDR's reference white: white once tone-mapped,
    // mid-grey if read as SDR.
    lavfi(clips.pq, 'color=c=0x969696:size=640x360:rate=25:duration=3', [
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le'],
      ...['-color_trc', 'smpte2084', '-color_primaries', 'bt2020', '-colorspace', 'bt2020nc'],
    ]),
    // Ten minutes of inter-coded 720p at one frame a second (quick to make and to decode), a
    // keyframe every 2 s: at even seconds, while the tiles stand for odd ones (15, 45...).
    lavfi(clips.tenMinutes, 'testsrc2=size=1280x720:rate=1:duration=600', [
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '2'],
    ]),
    // Camera-like long GOPs with B-frames, a keyframe every 0.48 s: one falls 0.03 s before
    // the tile at 6.75 s, inside the margin ffmpeg seeks earlier by in some containers.
    lavfi(clips.bFrames, 'testsrc2=size=640x360:rate=25:duration=30', [
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-g', '12', '-sc_threshold', '0'],
      ...['-pix_fmt', 'yuv420p'],
    ]),
    lavfi(clips.mpeg2Mxf, 'testsrc2=size=640x360:rate=25:duration=30', [
      ...['-c:v', 'mpeg2video', '-bf', '2', '-g', '12', '-pix_fmt', 'yuv420p'],
    ]),
  ]);
});
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function lavfi(file: string, source: string, codec: string[]) {
  await run('ffmpeg', [...quiet, '-f', 'lavfi', '-i', source, ...codec, file]);
}

let outCount = 0;
async function stillsOf(file: string, options = defaultStillsOptions) {
  const info = await probe('ffprobe', file, 0);
  const dir = path.join(root, `out-${(outCount += 1)}`);
  const files = { thumbnail: 't.jpg', filmstrip: 's.jpg', tail: 'x.jpg' };
  const plan = planStills(file, { ...info, video: info.video! }, files, options);
  return { plan, result: await renderStills('ffmpeg', file, info, dir, options) };
}

/**
 * The filmstrip of `file` made the plain way: the frames at exactly `seconds` picked by an
 * accurate decode, scaled and tiled as the plan does. Same pixels in, same JPEG bytes out.
 */
async function spriteOfFramesAt(file: string, seconds: number[], out: string) {
  const select = seconds.map((t) => `eq(t,${t})`).join('+');
  await run('ffmpeg', [
    ...[...quiet, '-i', file, '-vf', `select='${select}',${scaleTo(160)},tile=10x2`],
    ...['-frames:v', '1', '-q:v', '5', '-update', '1', out],
  ]);
  return digest(out);
}

/** A digest to compare images by: equal bytes, and a short message when they differ. */
const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Mean luma of each tile of a sprite (untile + signalstats, one ffmpeg run). */
async function tileBrightness(image: string, columns: number, rows: number) {
  const { stdout } = await run('ffmpeg', [
    ...['-hide_banner', '-i', image, '-vf'],
    `${columns * rows > 1 ? `untile=${columns}x${rows},` : ''}signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-`,
    ...['-f', 'null', '-'],
  ]);
  return [...stdout.matchAll(/YAVG=([\d.]+)/g)].map((m) => Number(m[1]));
}

describe('stills of long clips in one pass', () => {
  it('fills every tile of a 12 s 1080p clip from keyframes alone, the last ones too', async () => {
    const { plan, result } = await stillsOf(clips.long);
    expect(plan.strategy).toBe('keyframes');
    expect(plan.args.filter((a) => a === '-i')).toHaveLength(2);
    expect(result.spawns).toBe(1);
    const strip = result.filmstrip!;
    expect(strip.tiles).toHaveLength(20);
    expect(strip.tiles[19]!.atSeconds).toBe(11.7);
    expect(await probeImage(strip.image)).toEqual({ codec: 'mjpeg', width: 1600, height: 180 });
    const brightness = await tileBrightness(strip.image, 10, 2);
    expect(brightness).toHaveLength(20);
    // testsrc2 is never black; a tile without a frame would be (luma 16 or below).
    for (const luma of brightness) expect(luma).toBeGreaterThan(40);
  });

  it('keeps the thumbnail pixels of an exact seek to 00:00:05', async () => {
    const { result } = await stillsOf(clips.long);
    const reference = path.join(root, 'reference.jpg');
    await run('ffmpeg', [
      ...[...quiet, '-ss', '5', '-i', clips.long, '-vf', scaleTo(640)],
      ...['-frames:v', '1', '-q:v', '3', '-update', '1', reference],
    ]);
    const pixels = async (file: string) =>
      (await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'framemd5', '-'])).stdout
        .split('\n')
        .filter((line) => !line.startsWith('#'));
    expect(await pixels(result.thumbnail.file)).toEqual(await pixels(reference));
  });

  it('makes the same thumbnail and filmstrip when analyses share the cores (one decoder thread)', async () => {
    const own = await stillsOf(clips.long);
    const shared = await stillsOf(clips.long, { ...defaultStillsOptions, decodeThreads: 1 });
    // Every picture decoder (thumbnail and keyframe pass) is told its thread count.
    expect(shared.plan.args.filter((a) => a === '-threads')).toHaveLength(2);
    expect(own.plan.args).not.toContain('-threads');
    const bytes = (file: string) => fs.readFileSync(file);
    expect(bytes(shared.result.thumbnail.file)).toEqual(bytes(own.result.thumbnail.file));
    expect(bytes(shared.result.filmstrip!.image)).toEqual(bytes(own.result.filmstrip!.image));
  });

  it('leaves threading to ffmpeg for an analysis alone and shares the cores out otherwise', () => {
    expect(decodeThreadsFor(1, 8)).toBeUndefined();
    expect(decodeThreadsFor(2, 2)).toBe(1);
    expect(decodeThreadsFor(2, 8)).toBe(4);
    expect(decodeThreadsFor(6, 4)).toBe(1);
  });

  it('makes portrait tiles of a long portrait clip', async () => {
    const { plan, result } = await stillsOf(clips.portrait);
    expect(plan.strategy).toBe('keyframes');
    expect(await probeImage(result.thumbnail.file)).toEqual({
      codec: 'mjpeg',
      width: 640,
      height: 1136,
    });
    expect(result.filmstrip).toMatchObject({ tileWidth: 160, tileHeight: 284 });
    expect(result.filmstrip!.tiles).toHaveLength(20);
  });

  it('seeks per tile in an intra-only ProRes file, one decoder thread per input', async () => {
    const options = { ...defaultStillsOptions, filmstripFrames: 4 };
    const { plan, result } = await stillsOf(clips.prores, options);
    expect(plan.strategy).toBe('seek');
    expect(plan.args.filter((a) => a === '-threads')).toHaveLength(4);
    expect(result.filmstrip!.tiles).toHaveLength(4);
    expect(await probeImage(result.filmstrip!.image)).toEqual({
      codec: 'mjpeg',
      width: 640,
      height: 90,
    });
  });

  it.skipIf(!hasZscale)('tone-maps an HDR (PQ) clip seeked per tile as well', async () => {
    const seek = { ...defaultStillsOptions, strategy: 'seek' as const };
    const { plan, result } = await stillsOf(clips.pq, seek);
    expect(plan.strategy).toBe('seek');
    const tiles = await tileBrightness(result.filmstrip!.image, 10, 2);
    expect(tiles).toHaveLength(20);
    for (const luma of tiles) expect(luma).toBeGreaterThan(175);
  });

  it.skipIf(!hasZscale)('tone-maps an HDR (PQ) clip: reference white comes out white', async () => {
    const { result } = await stillsOf(clips.pq);
    const [thumbnail] = await tileBrightness(result.thumbnail.file, 1, 1);
    // Read as SDR the same pixels are mid-grey (about 150).
    expect(thumbnail).toBeGreaterThan(175);
    const tiles = await tileBrightness(result.filmstrip!.image, 10, 2);
    for (const luma of tiles) expect(luma).toBeGreaterThan(175);
  });
});

describe('each tile stands for its time', () => {
  it('takes the keyframe at or before each tile time in one keyframe pass', async () => {
    const { result } = await stillsOf(clips.tenMinutes, {
      ...defaultStillsOptions,
      strategy: 'keyframes',
    });
    const keyframeTimes = Array.from({ length: 20 }, (_, i) => 14 + 30 * i);
    const out = path.join(root, 'pass-reference.jpg');
    expect(digest(result.filmstrip!.image)).toBe(
      await spriteOfFramesAt(clips.tenMinutes, keyframeTimes, out),
    );
  });

  it('scans to the frame at each tile time, not the last one of its slot', async () => {
    const { result } = await stillsOf(clips.tenMinutes, {
      ...defaultStillsOptions,
      strategy: 'scan',
    });
    const times = Array.from({ length: 20 }, (_, i) => 15 + 30 * i);
    const expected = await spriteOfFramesAt(clips.tenMinutes, times, path.join(root, 'exact.jpg'));
    expect(digest(result.filmstrip!.image)).toBe(expected);
  });
});

describe('stills of long inter-coded files, one seek per tile', () => {
  it('seeks per tile once a file has far more keyframes than tiles (2 s GOP assumed)', async () => {
    const mp4 = await probe('ffprobe', clips.long, 0);
    // 8 Mbit/s, whatever the tiny test clip's: below the bytes rule's reach (see the next test).
    const file = { ...mp4, video: { ...mp4.video!, bitRate: 8_000_000 } };
    // A 1080p H.264 clip: 100 keyframes (200 s at the assumed 2 s GOP) tip it to a seek per tile.
    expect(chooseStrategy(file, 120, 20)).toBe('keyframes');
    expect(chooseStrategy(file, 199, 20)).toBe('keyframes');
    expect(chooseStrategy(file, 200, 20)).toBe('seek');
    expect(chooseStrategy(file, 600, 20)).toBe('seek');
    expect(chooseStrategy(file, 3600, 20)).toBe('seek');
    // Twice the tiles, twice the seeks: five minutes still read in one pass.
    expect(chooseStrategy(file, 300, 40)).toBe('keyframes');
    expect(chooseStrategy(file, 300, 20)).toBe('seek');
    expect(chooseStrategy({ ...file, containerFamily: 'mov' }, 600, 20)).toBe('seek');
    expect(chooseStrategy({ ...file, containerFamily: 'mxf' }, 600, 20)).toBe('seek');
    // Where a seek may land on another keyframe than the pass takes, the pass stays.
    expect(chooseStrategy({ ...file, containerFamily: 'mkv' }, 600, 20)).toBe('keyframes');
    expect(chooseStrategy({ ...file, containerFamily: 'ts' }, 600, 20)).toBe('keyframes');
  });

  it('seeks per tile in a high-bitrate H.264 file, whose keyframe pass reads every packet', async () => {
    const mp4 = await probe('ffprobe', clips.long, 0);
    const at = (bitRate: number, codec = 'h264') => ({
      ...mp4,
      video: { ...mp4.video!, bitRate, codec },
    });
    // Three minutes: 14 Mbit/s (15 MB a tile) stays one pass; 32 Mbit/s (36 MB) seeks.
    expect(chooseStrategy(at(14_000_000), 180, 20)).toBe('keyframes');
    expect(chooseStrategy(at(32_000_000), 180, 20)).toBe('seek');
    expect(chooseStrategy({ ...at(32_000_000), containerFamily: 'mkv' }, 180, 20)).toBe(
      'keyframes',
    );
    // HEVC keeps the keyframe rule; an unknown bitrate reads as none.
    expect(chooseStrategy(at(32_000_000, 'hevc'), 180, 20)).toBe('keyframes');
    expect(chooseStrategy(at(0), 180, 20)).toBe('keyframes');
  });

  it('decodes one keyframe per tile of a ten-minute clip: the one at or before each tile time', async () => {
    const { plan, result } = await stillsOf(clips.tenMinutes);
    expect(plan.strategy).toBe('seek');
    // The thumbnail's input and one per tile, each decoding keyframes only on one thread.
    expect(plan.args.filter((a) => a === '-i')).toHaveLength(21);
    expect(plan.args.filter((a) => a === 'nokey')).toHaveLength(20);
    expect(result.spawns).toBe(1);
    const strip = result.filmstrip!;
    const times = Array.from({ length: 20 }, (_, i) => 15 + 30 * i);
    expect(strip.tiles.map((tile) => tile.atSeconds)).toEqual(times);
    const keyframeTimes = times.map((t) => t - 1);
    const expected = await spriteOfFramesAt(
      clips.tenMinutes,
      keyframeTimes,
      path.join(root, 'keyframes-at-or-before.jpg'),
    );
    expect(digest(strip.image)).toBe(expected);
  });

  it('gives the same thumbnail and filmstrip as the keyframe pass it replaces', async () => {
    const seek = await stillsOf(clips.tenMinutes);
    const pass = await stillsOf(clips.tenMinutes, {
      ...defaultStillsOptions,
      strategy: 'keyframes',
    });
    expect(pass.plan.args.filter((a) => a === '-i')).toHaveLength(2);
    expect(digest(seek.result.thumbnail.file)).toBe(digest(pass.result.thumbnail.file));
    expect(digest(seek.result.filmstrip!.image)).toBe(digest(pass.result.filmstrip!.image));
  });

  it.each(['bFrames', 'mpeg2Mxf'] as const)(
    'seeks the same keyframes as the pass in a long-GOP file with B-frames (%s)',
    async (clip) => {
      const seek = await stillsOf(clips[clip], { ...defaultStillsOptions, strategy: 'seek' });
      const pass = await stillsOf(clips[clip], { ...defaultStillsOptions, strategy: 'keyframes' });
      expect(seek.result.filmstrip!.tiles).toHaveLength(20);
      expect(digest(seek.result.filmstrip!.image)).toBe(digest(pass.result.filmstrip!.image));
    },
  );
});
