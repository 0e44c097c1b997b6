import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../src/engine/media/analyse-file';
import { isIsoBmff, walkTopLevelBoxes } from '../../src/engine/media/truncation';
import { realTools, useMediaFixtures } from './media-test-kit';

const fixtures = useMediaFixtures();
const run = promisify(execFile);

describe('detecting a file that ends early', () => {
  it('finds that the truncated mp4 (index at the front) is missing bytes', async () => {
    const walk = await walkTopLevelBoxes(fixtures().truncated);
    expect(walk.kind).toBe('truncated');
    if (walk.kind !== 'truncated') return;
    expect(walk.actualBytes).toBe(fs.statSync(fixtures().truncated).size);
    expect(walk.expectedBytes).toBeGreaterThan(walk.actualBytes);
    expect(walk.lastBox).toBe('mdat');
  });

  it.each([
    'hd1080',
    'underFiveSeconds',
    'rotatedPortrait',
    'mov',
    'audioOnly',
    'withSpaces',
    'nonAscii',
  ] as const)('finds the %s fixture complete', async (kind) => {
    expect((await walkTopLevelBoxes(fixtures()[kind])).kind).toBe('complete');
  });

  it('finds a healthy clip cut by a single byte', async () => {
    const source = fs.readFileSync(fixtures().shortClips[0]!);
    const cut = path.join(fixtures().work, 'cut-one-byte.mp4');
    fs.writeFileSync(cut, source.subarray(0, source.length - 1));
    expect((await walkTopLevelBoxes(cut)).kind).toBe('truncated');
  });

  it('does not mistake other files for ISO boxes', async () => {
    expect((await walkTopLevelBoxes(fixtures().mkv)).kind).toBe('not-iso');
    expect((await walkTopLevelBoxes(fixtures().textAsMp4)).kind).not.toBe('complete');
    expect(isIsoBmff('mov,mp4,m4a,3gp,3g2,mj2')).toBe(true);
    expect(isIsoBmff('matroska,webm')).toBe(false);
    expect(isIsoBmff('mpegts')).toBe(false);
  });

  it('reports the truncated mp4 as E_TRUNCATED with an editor-readable message', async () => {
    const result = await analyseFile(fixtures().truncated, {
      tools: realTools(),
      outDir: path.join(fixtures().work, 'truncated-mp4'),
    });
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.error.code).toBe('E_TRUNCATED');
    expect(result.error.message).toMatch(/^The file ends early: it may still be copying/);
    expect(result.error.retryable).toBe(true);
    expect(result.mediaInfo?.durationSeconds).toBeCloseTo(8, 0);
  });

  it('decodes the last second of a Matroska file: a cut one is E_TRUNCATED, the whole one is fine', async () => {
    const source = fs.readFileSync(fixtures().mkv);
    const cut = path.join(fixtures().work, 'cut.mkv');
    fs.writeFileSync(cut, source.subarray(0, Math.floor(source.length * 0.6)));
    const deps = { tools: realTools(), outDir: path.join(fixtures().work, 'mkv') };
    const broken = await analyseFile(cut, deps);
    expect(broken.kind === 'failed' && broken.error.code).toBe('E_TRUNCATED');
    const whole = await analyseFile(fixtures().mkv, deps);
    expect(whole.kind).toBe('analysed');
  });

  it.each([
    ['one byte', 1],
    ['eight zero bytes', 8],
    ['4 KiB of zeros', 4096],
  ])('does not call a healthy mp4 with %s after its last box truncated', async (label, extra) => {
    const source = fs.readFileSync(fixtures().shortClips[0]!);
    const padded = path.join(fixtures().work, `padded-${extra}.mp4`);
    fs.writeFileSync(padded, Buffer.concat([source, Buffer.alloc(extra)]));
    expect(await walkTopLevelBoxes(padded)).toMatchObject({
      kind: 'complete',
      trailingBytes: extra,
    });
    const result = await analyseFile(padded, {
      tools: realTools(),
      outDir: path.join(fixtures().work, `padded-${extra}`),
    });
    expect(result.kind, label).toBe('analysed');
  });

  it('reports a cut mp4 whose index is at the end as ending early, not as "not media"', async () => {
    const ffmpeg = await realTools().require('ffmpeg');
    const whole = path.join(fixtures().work, 'index-at-end.mp4');
    // ffmpeg's default layout (and most cameras'): media data first, the moov index last.
    await run(ffmpeg, [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=3:size=320x240:rate=25'],
      ...['-pix_fmt', 'yuv420p', '-y', whole],
    ]);
    const source = fs.readFileSync(whole);
    expect(source.subarray(source.length - 100_000).includes('moov')).toBe(true);
    const cut = path.join(fixtures().work, 'index-at-end-cut.mp4');
    fs.writeFileSync(cut, source.subarray(0, Math.floor(source.length * 0.6)));

    const result = await analyseFile(cut, {
      tools: realTools(),
      outDir: path.join(fixtures().work, 'index-at-end'),
    });
    expect(result.kind).toBe('failed');
    expect(result.kind === 'failed' && result.error.toValue()).toMatchObject({
      code: 'E_TRUNCATED',
      message: expect.stringMatching(/^The file ends early: it may still be copying/),
      retryable: true,
    });
  });

  it('still calls a file FFmpeg cannot read and that is no mp4 "not media"', async () => {
    const result = await analyseFile(fixtures().textAsMp4, {
      tools: realTools(),
      outDir: path.join(fixtures().work, 'text'),
    });
    expect(result.kind === 'failed' && result.error.code).toBe('E_NOT_MEDIA');
  });
});
