import { describe, expect, it } from 'vitest';
import { deliveryRuleSetSchema, type DeliveryRuleSetInput } from '../../src/shared/contract/media';
import { checkDelivery, needsLoudness } from '../../src/engine/media/delivery-check';
import { measureLoudness, parseEbur128Summary } from '../../src/engine/media/measure-loudness';
import { probe } from '../../src/engine/media/probe';
import { useMediaFixtures } from './media-test-kit';

const fixtures = useMediaFixtures();
const rules = (input: Partial<DeliveryRuleSetInput> = {}) =>
  deliveryRuleSetSchema.parse({ name: 'Streaming HD', ...input });

describe('delivery check', () => {
  it('passes a clip that meets every rule', async () => {
    const info = await probe('ffprobe', fixtures().hd1080, 0);
    const report = checkDelivery(
      info,
      rules({
        containers: ['mp4', 'mov'],
        videoCodecs: ['h264', 'hevc'],
        audioCodecs: ['aac'],
        minWidth: 1920,
        minHeight: 1080,
        maxDurationSeconds: 60,
        audioRequired: true,
        frameRates: [24, 25, 29.97],
      }),
    );
    expect(report).toEqual({ ruleSet: 'Streaming HD', verdict: 'pass', findings: [] });
  });

  it('fails with every reason an editor needs to fix the file', async () => {
    const info = await probe('ffprobe', fixtures().mkv, 0);
    const report = checkDelivery(
      info,
      rules({
        containers: ['mp4'],
        videoCodecs: ['prores'],
        minWidth: 1280,
        minHeight: 720,
        maxDurationSeconds: 2,
        frameRates: [24],
      }),
    );
    expect(report.verdict).toBe('fail');
    expect(report.findings.map((f) => f.rule)).toEqual([
      'container',
      'video-codec',
      'resolution',
      'frame-rate',
      'duration',
    ]);
    expect(report.findings[0]?.message).toBe('The container is mkv; mp4 expected.');
    expect(report.findings[4]?.message).toMatch(
      /^The clip runs 0:04, longer than the 0:02 allowed\.$/,
    );
  });

  it('compares minimum resolution regardless of orientation', async () => {
    const info = await probe('ffprobe', fixtures().rotatedPortrait, 0);
    expect(checkDelivery(info, rules({ minWidth: 1280, minHeight: 720 })).verdict).toBe('pass');
    expect(checkDelivery(info, rules({ minWidth: 1280 })).verdict).toBe('pass');
    expect(checkDelivery(info, rules({ minWidth: 1920, minHeight: 1080 })).verdict).toBe('fail');
  });

  it('fails an audio-only file for missing picture and a silent clip when audio is required', async () => {
    const audio = await probe('ffprobe', fixtures().audioOnly, 0);
    expect(checkDelivery(audio, rules()).findings.map((f) => f.rule)).toEqual(['video']);
    const clip = await probe('ffprobe', fixtures().shortClips[0]!, 0);
    const silent = { ...clip, audio: [] };
    expect(checkDelivery(silent, rules({ audioRequired: true })).findings).toEqual([
      { rule: 'audio', verdict: 'fail', message: 'The file has no sound.' },
    ]);
  });

  it('measures integrated loudness with ebur128 and judges it against the window', async () => {
    const file = fixtures().shortClips[1]!;
    const info = await probe('ffprobe', file, 0);
    const loudness = await measureLoudness('ffmpeg', file);
    expect(loudness).not.toBeNull();
    const lufs = loudness!.integratedLufs;
    expect(lufs).toBeLessThan(-10);
    expect(lufs).toBeGreaterThan(-40);
    const around = (offset: number) =>
      rules({
        loudness: { minLufs: lufs + offset - 1, maxLufs: lufs + offset + 1, toleranceLu: 1 },
      });
    expect(needsLoudness(around(0))).toBe(true);
    expect(needsLoudness(rules())).toBe(false);
    expect(checkDelivery(info, around(0), loudness).verdict).toBe('pass');
    expect(checkDelivery(info, around(1.5), loudness).verdict).toBe('warn');
    expect(checkDelivery(info, around(5), loudness).verdict).toBe('fail');
    expect(checkDelivery(info, around(0)).findings[0]).toMatchObject({
      rule: 'loudness',
      verdict: 'warn',
    });
  });

  it('measures no loudness for a file without sound', async () => {
    const { execFileSync } = await import('node:child_process');
    const silent = `${fixtures().work}/no-sound.mp4`;
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      fixtures().shortClips[0]!,
      '-an',
      '-c',
      'copy',
      silent,
    ]);
    expect(await measureLoudness('ffmpeg', silent)).toBeNull();
  });

  it('reads the ebur128 summary', () => {
    const stderr =
      '[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -23.4 LUFS\n    Threshold: -33.4 LUFS\n\n  Loudness range:\n    LRA:         5.1 LU\n';
    expect(parseEbur128Summary(stderr)).toEqual({ integratedLufs: -23.4, rangeLu: 5.1 });
    expect(parseEbur128Summary('nothing')).toBeNull();
  });
});
