import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';

const onPath = (name: string) => execFileSync('which', [name], { encoding: 'utf8' }).trim();

describe.skipIf(process.platform === 'win32')('setting the ffprobe/ffmpeg path', () => {
  it('refuses /bin/sh with a clear message and keeps the setting as it was', async () => {
    const engine = testEngine();
    const result = await engine.dispatch('settings.set', { ffprobePath: '/bin/sh' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'E_VALIDATION',
        message:
          '/bin/sh is not ffprobe: it does not answer -version with "ffprobe version ...". ' +
          'Choose the ffprobe program of an FFmpeg install.',
        details: { fields: [{ path: 'ffprobePath' }] },
      },
    });
    expect((await call(engine, 'settings.get', {})).ffprobePath).toBeNull();
  });

  it('refuses ffmpeg given as ffprobe, and a path where nothing is', async () => {
    const engine = testEngine();
    const swapped = await engine.dispatch('settings.set', { ffprobePath: onPath('ffmpeg') });
    expect(swapped).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    const nowhere = path.join(tempDir(), 'ffmpeg');
    const missing = await engine.dispatch('settings.set', { ffmpegPath: nowhere });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'E_VALIDATION', message: `There is no program at ${nowhere}.` },
    });
  });

  it('refuses a script that runs but is not the tool', async () => {
    const script = path.join(tempDir(), 'ffprobe');
    fs.writeFileSync(script, '#!/bin/sh\necho "hello"\n', { mode: 0o755 });
    const result = await testEngine().dispatch('settings.set', { ffprobePath: script });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('saves the real ffprobe and ffmpeg, and clearing them needs no check', async () => {
    const engine = testEngine();
    const ffprobe = onPath('ffprobe');
    const ffmpeg = onPath('ffmpeg');
    const saved = await call(engine, 'settings.set', { ffprobePath: ffprobe, ffmpegPath: ffmpeg });
    expect(saved).toMatchObject({ ffprobePath: ffprobe, ffmpegPath: ffmpeg });
    const info = await call(engine, 'app.info', {});
    expect(JSON.stringify(info)).toContain(ffprobe);
    const cleared = await call(engine, 'settings.set', { ffprobePath: null, ffmpegPath: null });
    expect(cleared).toMatchObject({ ffprobePath: null, ffmpegPath: null });
  });
});
