import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateTool } from '../../src/engine/media/locate-tools';
import { tempDir } from '../helpers/temp-dir';

/** A stand-in binary that answers -version like ffprobe does, naming itself. */
function fakeTool(dir: string, version: string): string {
  const file = path.join(dir, `ffprobe-${version}`);
  fs.writeFileSync(
    file,
    `#!/bin/sh\necho "ffprobe version ${version} Copyright (c) the FFmpeg developers"\n`,
  );
  fs.chmodSync(file, 0o755);
  return file;
}

function pathDir(dir: string): string {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.copyFileSync(fakeTool(dir, 'on-path'), path.join(bin, 'ffprobe'));
  fs.chmodSync(path.join(bin, 'ffprobe'), 0o755);
  return bin;
}

describe('finding ffprobe/ffmpeg', () => {
  it('prefers the settings path, then the environment, then the bundled copy, then PATH', async () => {
    const dir = tempDir();
    const settingsPath = fakeTool(dir, 'settings');
    const envPath = fakeTool(dir, 'env');
    const bundledPath = fakeTool(dir, 'bundled');
    const env = { PATH: pathDir(dir), DAILIES_FFPROBE: envPath };

    const found = (input: Parameters<typeof locateTool>[1]) => locateTool('ffprobe', input);
    expect(await found({ settingsPath, env, bundledPath })).toMatchObject({
      kind: 'found',
      tool: { path: settingsPath, version: 'settings', source: 'settings' },
    });
    expect(await found({ settingsPath: null, env, bundledPath })).toMatchObject({
      tool: { version: 'env', source: 'env' },
    });
    expect(await found({ settingsPath: null, env: { PATH: env.PATH }, bundledPath })).toMatchObject(
      {
        tool: { version: 'bundled', source: 'bundled' },
      },
    );
    expect(
      await found({ settingsPath: null, env: { PATH: env.PATH }, bundledPath: null }),
    ).toMatchObject({ tool: { version: 'on-path', source: 'path' } });
  });

  it('reports a wrong explicit path instead of silently using another ffprobe', async () => {
    const dir = tempDir();
    const status = await locateTool('ffprobe', {
      settingsPath: path.join(dir, 'no-such-ffprobe'),
      env: { PATH: pathDir(dir) },
      bundledPath: null,
    });
    expect(status).toEqual({
      kind: 'missing',
      message: expect.stringContaining('no-such-ffprobe (settings) but no program is there'),
    });
  });

  it('says what to install when there is no ffprobe anywhere', async () => {
    const status = await locateTool('ffprobe', {
      settingsPath: null,
      env: { PATH: tempDir() },
      bundledPath: null,
    });
    expect(status).toEqual({
      kind: 'missing',
      message: expect.stringContaining('apt-get install ffmpeg'),
    });
  });
});
