import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DailiesError } from '../../src/shared/contract';
import { filmstripIndexSchema, type MediaInfo } from '../../src/shared/contract/media';
import { probe } from '../../src/engine/media/probe';
import {
  defaultStillsOptions,
  planStills,
  thumbnailTime,
} from '../../src/engine/media/stills-plan';
import { renderStills } from '../../src/engine/media/thumbnail';
import { probeImage, useMediaFixtures } from './media-test-kit';

const fixtures = useMediaFixtures();
const options = { ...defaultStillsOptions };
let outCount = 0;
const outDir = () => path.join(fixtures().work, `stills-${(outCount += 1)}`);

async function stillsOf(file: string, change: Partial<MediaInfo> = {}, opts = options) {
  const info = { ...(await probe('ffprobe', file, 0)), ...change };
  const dir = outDir();
  return { dir, info, result: await renderStills('ffmpeg', file, info, dir, opts) };
}

describe('thumbnail and filmstrip in one ffmpeg run', () => {
  it('takes the frame at 00:00:05 of a 1080p clip, scaled to 640 px wide as a real JPEG', async () => {
    const { dir, result } = await stillsOf(fixtures().hd1080);
    expect(result.spawns).toBe(1);
    expect(result.thumbnail).toEqual({
      file: path.join(dir, 'thumbnail.jpg'),
      width: 640,
      height: 360,
      atSeconds: 5,
    });
    expect(await probeImage(result.thumbnail.file)).toEqual({
      codec: 'mjpeg',
      width: 640,
      height: 360,
    });
    expect(result.warnings).toEqual([]);
  });

  it('writes a filmstrip sprite of evenly spaced tiles with an index on disk', async () => {
    const { dir, result } = await stillsOf(fixtures().shortClips[2]!);
    const strip = result.filmstrip!;
    expect(strip.tiles).toHaveLength(20);
    expect(strip.columns).toBe(10);
    expect(strip.rows).toBe(2);
    expect(strip.tileWidth).toBe(160);
    expect(strip.tileHeight).toBe(120);
    expect(strip.tiles[0]).toEqual({ x: 0, y: 0, atSeconds: 0.2 });
    expect(strip.tiles[11]).toEqual({ x: 160, y: 120, atSeconds: 4.6 });
    expect(await probeImage(strip.image)).toEqual({ codec: 'mjpeg', width: 1600, height: 240 });
    const onDisk = filmstripIndexSchema.parse(
      JSON.parse(fs.readFileSync(path.join(dir, 'filmstrip.json'), 'utf8')),
    );
    expect(onDisk).toEqual({ ...strip, image: 'filmstrip.jpg' });
    // Only the finished files remain: no temporary names left behind.
    expect(fs.readdirSync(dir).sort()).toEqual([
      'filmstrip.jpg',
      'filmstrip.json',
      'thumbnail.jpg',
    ]);
  });

  it('makes the filmstrip by seeking per tile when decoding everything would cost more', async () => {
    const file = fixtures().hd1080;
    const info = await probe('ffprobe', file, 0);
    const files = { thumbnail: 't.jpg', filmstrip: 's.jpg', tail: 'x.jpg' };
    expect(planStills(file, { ...info, video: info.video! }, files, options).mode).toBe('scan');
    const long = { ...info, durationSeconds: 600, video: info.video! };
    expect(planStills(file, long, files, options).mode).toBe('seek');
    // Few tiles of a big frame: seeking is the cheaper way, so this run seeks.
    const fourTiles = { ...options, filmstripFrames: 4 };
    expect(planStills(file, { ...info, video: info.video! }, files, fourTiles).mode).toBe('seek');
    const { result } = await stillsOf(file, {}, { ...options, filmstripFrames: 4 });
    expect(result.filmstrip?.tiles).toHaveLength(4);
    expect(await probeImage(result.filmstrip!.image)).toEqual({
      codec: 'mjpeg',
      width: 640,
      height: 90,
    });
  });

  it('takes the middle frame of a clip shorter than 5 s', async () => {
    expect(thumbnailTime(3)).toBe(1.5);
    expect(thumbnailTime(5)).toBe(5);
    const { result } = await stillsOf(fixtures().underFiveSeconds);
    expect(result.thumbnail.atSeconds).toBe(1.5);
    expect(result.warnings).toEqual([]);
  });

  it('does not upscale a small clip', async () => {
    const { result } = await stillsOf(fixtures().shortClips[0]!);
    expect(await probeImage(result.thumbnail.file)).toEqual({
      codec: 'mjpeg',
      width: 320,
      height: 240,
    });
  });

  it('makes a portrait thumbnail and portrait tiles of a rotated phone clip', async () => {
    const { result } = await stillsOf(fixtures().rotatedPortrait);
    expect(await probeImage(result.thumbnail.file)).toEqual({
      codec: 'mjpeg',
      width: 640,
      height: 1136,
    });
    expect(result.filmstrip).toMatchObject({ tileWidth: 160, tileHeight: 284 });
  });

  it.each(['mov', 'mkv', 'withSpaces', 'nonAscii'] as const)(
    'works on the %s fixture',
    async (kind) => {
      const { result } = await stillsOf(fixtures()[kind]);
      expect(await probeImage(result.thumbnail.file)).toMatchObject({ codec: 'mjpeg', width: 320 });
      expect(result.filmstrip?.tiles).toHaveLength(20);
    },
  );

  it('honours the thumbnail width from settings', async () => {
    const { result } = await stillsOf(fixtures().hd1080, {}, { ...options, thumbnailWidth: 480 });
    expect(await probeImage(result.thumbnail.file)).toEqual({
      codec: 'mjpeg',
      width: 480,
      height: 270,
    });
  });

  it('falls back to the first frame when the seek lands past the end (ffmpeg exits 0, writes nothing)', async () => {
    // A duration that lies (as a cut file's index does): 00:00:05 is past the 3 s of pictures.
    const { result } = await stillsOf(fixtures().underFiveSeconds, { durationSeconds: 40 });
    expect(result.spawns).toBe(2);
    expect(result.thumbnail.atSeconds).toBe(0);
    expect(await probeImage(result.thumbnail.file)).toEqual({
      codec: 'mjpeg',
      width: 320,
      height: 240,
    });
    expect(result.warnings.map((w) => w.code)).toContain('thumbnail-fallback');
  });

  it('says its tools are done once their last run has ended, before the stills are in place', async () => {
    // The analysis gives its core to the next file then: putting the files in place is not
    // tool work. Seen on the usual path and on the first-frame fallback's second run.
    for (const [file, change, runs] of [
      [fixtures().shortClips[0]!, {}, 1],
      [fixtures().underFiveSeconds, { durationSeconds: 40 }, 2],
    ] as const) {
      const info = { ...(await probe('ffprobe', file, 0)), ...change };
      const dir = outDir();
      let spawned = 0;
      const seen: Array<{ spawned: number; thumbnailThere: boolean }> = [];
      const result = await renderStills(
        'ffmpeg',
        file,
        info,
        dir,
        options,
        { onSpawn: () => (spawned += 1) },
        () =>
          seen.push({ spawned, thumbnailThere: fs.existsSync(path.join(dir, 'thumbnail.jpg')) }),
      );
      expect(seen).toEqual([{ spawned: runs, thumbnailThere: false }]);
      expect(result.spawns).toBe(runs);
      expect(fs.existsSync(result.thumbnail.file)).toBe(true);
    }
  });

  it('classifies an audio-only file as E_NO_VIDEO when ffmpeg exits 1, without crashing', async () => {
    const error: unknown = await stillsOf(fixtures().audioOnly).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DailiesError);
    expect((error as DailiesError).code).toBe('E_NO_VIDEO');
    expect((error as DailiesError).message).toContain('audio only');
  });
});
