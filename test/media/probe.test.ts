import { describe, expect, it } from 'vitest';
import { DailiesError } from '../../src/shared/contract';
import { mediaInfoSchema } from '../../src/shared/contract/media';
import { normaliseProbe, rotationOf } from '../../src/engine/media/normalise-probe';
import { probe } from '../../src/engine/media/probe';
import { ffprobeBuilds, useMediaFixtures } from './media-test-kit';

const fixtures = useMediaFixtures();

async function probeError(ffprobe: string, file: string): Promise<DailiesError> {
  const error: unknown = await probe(ffprobe, file, 0).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DailiesError))
    throw new Error(`expected a DailiesError, got ${String(error)}`);
  return error;
}

describe.each(ffprobeBuilds())('probing with the $name', ({ file: ffprobe }) => {
  it('reads a short H.264/AAC clip into MediaInfo that crosses the contract', async () => {
    const info = await probe(ffprobe, fixtures().shortClips[1]!, 0);
    expect(mediaInfoSchema.parse(info)).toEqual(info);
    expect(info.containerFamily).toBe('mp4');
    expect(info.durationSeconds).toBeGreaterThan(5.9);
    expect(info.durationSeconds).toBeLessThan(6.2);
    expect(info.sizeBytes).toBeGreaterThan(0);
    expect(info.bitRate).toBeGreaterThan(0);
    expect(info.video).toMatchObject({
      codec: 'h264',
      pixelFormat: 'yuv420p',
      width: 320,
      height: 240,
      rotation: 0,
      frameRate: 25,
      dynamicRange: 'SDR',
    });
    expect(info.audio).toEqual([
      expect.objectContaining({ codec: 'aac', channels: 1, sampleRate: 44100, language: null }),
    ]);
    expect(info.subtitles).toEqual([]);
    expect(info.resolutionClass).toBe('SD');
    expect(info.raw).toHaveProperty('format');
  });

  it('labels a 1920x1080 clip 1080p', async () => {
    const info = await probe(ffprobe, fixtures().hd1080, 0);
    expect(info.video).toMatchObject({ width: 1920, height: 1080 });
    expect(info.resolutionClass).toBe('1080p');
  });

  it('reports a phone clip as displayed: 1280x720 stored with rotation is 720x1280, 720p', async () => {
    const info = await probe(ffprobe, fixtures().rotatedPortrait, 0);
    expect(info.video).toMatchObject({
      storedWidth: 1280,
      storedHeight: 720,
      width: 720,
      height: 1280,
    });
    expect([90, 270]).toContain(info.video?.rotation);
    expect(info.resolutionClass).toBe('720p');
  });

  it('tells QuickTime and Matroska apart from mp4', async () => {
    expect((await probe(ffprobe, fixtures().mov, 0)).containerFamily).toBe('mov');
    const mkv = await probe(ffprobe, fixtures().mkv, 0);
    expect(mkv.containerFamily).toBe('mkv');
    expect(mkv.video?.codec).toBe('h264');
  });

  it('probes an audio-only file with no video track', async () => {
    const info = await probe(ffprobe, fixtures().audioOnly, 0);
    expect(info.video).toBeNull();
    expect(info.resolutionClass).toBeNull();
    expect(info.audio[0]).toMatchObject({ codec: 'aac' });
  });

  it('probes files whose names have spaces and non-ASCII letters', async () => {
    for (const file of [fixtures().withSpaces, fixtures().nonAscii]) {
      const info = await probe(ffprobe, file, 0);
      expect(info.video?.codec).toBe('h264');
    }
  });

  it('says a text file with a video extension is not media, and so is an empty file', async () => {
    expect((await probeError(ffprobe, fixtures().textAsMp4)).code).toBe('E_NOT_MEDIA');
    expect((await probeError(ffprobe, fixtures().zeroBytes)).code).toBe('E_NOT_MEDIA');
  });

  it('says a missing file is missing', async () => {
    const error = await probeError(ffprobe, `${fixtures().dir}/gone.mp4`);
    expect(error.code).toBe('E_FILE_MISSING');
    expect(error.message).toContain('gone.mp4');
  });

  it('cannot see a truncated mp4 whose index is at the front: it reports the full 8 s', async () => {
    // The trap that truncation.ts exists for.
    const info = await probe(ffprobe, fixtures().truncated, 0);
    expect(info.durationSeconds).toBeCloseTo(8, 0);
  });
});

describe('normalising ffprobe output', () => {
  const base = {
    format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '10.5', size: '1000' },
  };
  const video = { index: 0, codec_type: 'video', codec_name: 'hevc', width: 3840, height: 2160 };

  it('recognises HDR10 and HLG from the colour transfer', () => {
    const pq = normaliseProbe(
      { ...base, streams: [{ ...video, color_transfer: 'smpte2084', color_primaries: 'bt2020' }] },
      0,
    );
    expect(pq?.video).toMatchObject({ dynamicRange: 'HDR10', colorPrimaries: 'bt2020' });
    expect(pq?.resolutionClass).toBe('4K');
    const hlg = normaliseProbe(
      { ...base, streams: [{ ...video, color_transfer: 'arib-std-b67' }] },
      0,
    );
    expect(hlg?.video?.dynamicRange).toBe('HLG');
  });

  it('honours the legacy rotate tag when there is no display matrix', () => {
    expect(rotationOf({ tags: { rotate: '90' } })).toBe(90);
    expect(rotationOf({ side_data_list: [{ rotation: -90 }] })).toBe(90);
    expect(rotationOf({ side_data_list: [{ rotation: 90 }], tags: { rotate: '270' } })).toBe(270);
    expect(rotationOf({ side_data_list: [{ rotation: 180 }] })).toBe(180);
  });

  it('prefers the average frame rate and reads NTSC rationals', () => {
    const info = normaliseProbe(
      { ...base, streams: [{ ...video, avg_frame_rate: '30000/1001', r_frame_rate: '60/1' }] },
      0,
    );
    expect(info?.video?.frameRate).toBeCloseTo(29.97, 2);
    const noAvg = normaliseProbe(
      { ...base, streams: [{ ...video, avg_frame_rate: '0/0', r_frame_rate: '24/1' }] },
      0,
    );
    expect(noAvg?.video?.frameRate).toBe(24);
  });

  it('widens anamorphic pixels: 720x576 at 16:15 displays as 768x576', () => {
    const info = normaliseProbe(
      { ...base, streams: [{ ...video, width: 720, height: 576, sample_aspect_ratio: '16:15' }] },
      0,
    );
    expect(info?.video).toMatchObject({ width: 768, height: 576 });
  });

  it('treats cover art as no video, and reads languages, subtitles and creation time', () => {
    const info = normaliseProbe(
      {
        format: { ...base.format, tags: { creation_time: '2026-11-02T10:00:00.000000Z' } },
        streams: [
          {
            index: 0,
            codec_type: 'audio',
            codec_name: 'aac',
            channels: 2,
            sample_rate: '48000',
            tags: { language: 'kor' },
          },
          {
            index: 1,
            codec_type: 'video',
            codec_name: 'mjpeg',
            width: 600,
            height: 600,
            disposition: { attached_pic: 1 },
          },
          {
            index: 2,
            codec_type: 'subtitle',
            codec_name: 'subrip',
            tags: { LANGUAGE: 'eng', title: 'English' },
          },
        ],
      },
      0,
    );
    expect(info?.video).toBeNull();
    expect(info?.audio[0]).toMatchObject({ language: 'kor', channels: 2, sampleRate: 48000 });
    expect(info?.subtitles).toEqual([
      { index: 2, codec: 'subrip', language: 'eng', title: 'English' },
    ]);
    expect(info?.creationTime).toBe('2026-11-02T10:00:00.000000Z');
  });

  it('returns null when ffprobe found no container', () => {
    expect(normaliseProbe({}, 0)).toBeNull();
  });
});
