import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { bundledToolPath, installedBundledToolPath } from '../../src/engine/media/bundled-tools';
import { MediaTools } from '../../src/engine/media/media-tools';
import { generateMediaFixtures, type MediaFixtures } from '../rig/media-fixtures';

const run = promisify(execFile);

/**
 * Generates the fixture set once for a test file (beforeAll) in its own directory, removed
 * afterwards. Returns a getter, since the fixtures exist only once the hook has run.
 */
export function useMediaFixtures(): () => MediaFixtures & { work: string } {
  let fixtures: (MediaFixtures & { work: string }) | null = null;
  let root = '';
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-media-'));
    const work = path.join(root, 'work');
    fs.mkdirSync(work);
    fixtures = { ...(await generateMediaFixtures(path.join(root, 'fixtures'))), work };
  });
  afterAll(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });
  return () => {
    if (!fixtures) throw new Error('fixtures are made in beforeAll');
    return fixtures;
  };
}

/** The tools the engine would pick here: settings unset, real environment, bundled first. */
export function realTools(): MediaTools {
  return new MediaTools({
    env: process.env,
    bundledPath: bundledToolPath,
    settingsPath: () => null,
  });
}

/** Every ffprobe on this machine: the one on PATH (5.x) and the bundled one (4.0.2) if any. */
export function ffprobeBuilds(): Array<{ name: string; file: string }> {
  const builds = [{ name: 'ffprobe on PATH', file: 'ffprobe' }];
  const bundled = installedBundledToolPath('ffprobe');
  if (bundled && fs.existsSync(bundled)) builds.push({ name: 'bundled ffprobe', file: bundled });
  return builds;
}

/** What ffprobe itself says of an image: codec and size. */
export async function probeImage(file: string) {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_name,width,height',
    '-of',
    'json',
    file,
  ]);
  const stream = (JSON.parse(stdout) as { streams: Array<Record<string, unknown>> }).streams[0];
  return { codec: stream?.codec_name, width: stream?.width, height: stream?.height };
}

/** True while a process with this pid exists (a zombie counts: it was never reaped). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The parent pid of a process, from /proc. */
export function parentOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** The parent of a process, or 0 when it is gone already (a tool that ended at once). */
export function parentOrNone(pid: number): number {
  try {
    return parentOf(pid);
  } catch {
    return 0;
  }
}

/** ffmpeg arguments for a run that lasts until it is stopped (a test pattern, in real time). */
export const endlessFfmpegArgs: readonly string[] = [
  '-v',
  'error',
  '-re',
  '-f',
  'lavfi',
  '-i',
  'testsrc=size=64x64',
  '-f',
  'null',
  '-',
];

/** A stand-in for a hung ffmpeg: it starts and never finishes (exec, so the pid is sleep's). */
export function hangingBinary(dir: string): string {
  const file = path.join(dir, 'hung-ffmpeg');
  fs.writeFileSync(file, '#!/bin/sh\nexec sleep 60\n', { mode: 0o755 });
  return file;
}

/** A copy of a fixture under a new name, for tests that change or delete it. */
export function copyOf(source: string, dir: string, name = path.basename(source)): string {
  const target = path.join(dir, name);
  fs.copyFileSync(source, target);
  return target;
}
