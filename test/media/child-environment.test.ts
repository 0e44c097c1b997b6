import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyseFile } from '../../src/engine/media/analyse-file';
import { realTools, useMediaFixtures } from './media-test-kit';

const fixtures = useMediaFixtures();

/** The variables a headless engine is started with: none may reach ffmpeg or ffprobe. */
const headless = {
  DAILIES_INTERNAL_TOKEN: 'internal-token-must-stay-home',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEKEYID',
  AWS_SECRET_ACCESS_KEY: 'secret-access-key-must-stay-home',
  AWS_SESSION_TOKEN: 'session-token-must-stay-home',
  HTTPS_PROXY: 'http://user:proxy-password@proxy.example:3128',
};

/** A stand-in tool that records the environment it was given, then runs the real one. */
function recordingTool(name: 'ffprobe' | 'ffmpeg', real: string): { file: string; env: string } {
  const dir = fixtures().work;
  const file = path.join(dir, `recording-${name}`);
  const env = path.join(dir, `${name}.environ`);
  fs.writeFileSync(file, `#!/bin/sh\ncat /proc/$$/environ > '${env}'\nexec '${real}' "$@"\n`, {
    mode: 0o755,
  });
  return { file, env };
}

function variablesIn(file: string): Map<string, string> {
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\0')
    .filter(Boolean)
    .map((line): [string, string] => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)];
    });
  return new Map(entries);
}

describe.skipIf(process.platform !== 'linux')('the environment of ffmpeg and ffprobe', () => {
  const saved = new Map<string, string | undefined>();
  beforeEach(() => {
    for (const [name, value] of Object.entries(headless)) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('holds no token, key or proxy password of the engine, but keeps PATH and HOME', async () => {
    const real = realTools();
    const ffprobe = recordingTool('ffprobe', await real.require('ffprobe'));
    const ffmpeg = recordingTool('ffmpeg', await real.require('ffmpeg'));
    const tools = {
      require: (name: 'ffprobe' | 'ffmpeg') =>
        Promise.resolve(name === 'ffprobe' ? ffprobe.file : ffmpeg.file),
    };
    const result = await analyseFile(fixtures().shortClips[0]!, {
      tools,
      outDir: path.join(fixtures().work, 'env-asset'),
    });
    expect(result.kind).toBe('analysed');

    for (const recorded of [ffprobe.env, ffmpeg.env]) {
      const env = variablesIn(recorded);
      for (const name of Object.keys(headless)) expect(env.has(name), name).toBe(false);
      const text = fs.readFileSync(recorded, 'utf8');
      for (const value of Object.values(headless)) expect(text).not.toContain(value);
      expect(env.get('PATH')).toBe(process.env.PATH);
      if (process.env.HOME) expect(env.get('HOME')).toBe(process.env.HOME);
    }
  });
});
