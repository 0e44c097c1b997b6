import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledToolPath, installedBundledToolPath } from '../../src/engine/media/bundled-tools';
import { testEngine, call } from '../helpers/engine';

describe('the ffmpeg/ffprobe pair', () => {
  it('uses bundled binaries only when both installed, so probe and thumbnail share a build', () => {
    const ffmpeg = installedBundledToolPath('ffmpeg');
    const ffprobe = installedBundledToolPath('ffprobe');
    const both = ffmpeg !== null && ffprobe !== null;
    expect(bundledToolPath('ffprobe')).toBe(both ? ffprobe : null);
    expect(bundledToolPath('ffmpeg')).toBe(both ? ffmpeg : null);
  });

  it('reports one source and one version line for both tools on this machine', async () => {
    const info = await call(testEngine(), 'app.info', {});
    expect(info.ffprobe.kind).toBe('found');
    expect(info.ffmpeg.kind).toBe('found');
    if (info.ffprobe.kind !== 'found' || info.ffmpeg.kind !== 'found') return;
    expect(info.ffprobe.tool.source).toBe(info.ffmpeg.tool.source);
    expect(info.ffprobe.tool.version).toBe(info.ffmpeg.tool.version);
    expect(fs.existsSync(info.ffprobe.tool.path)).toBe(true);
  });
});
