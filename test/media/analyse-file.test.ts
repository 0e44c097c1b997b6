import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisOutcomeSchema } from '../../src/shared/contract/media';
import {
  analyseFile,
  toOutcome,
  type AnalyseDeps,
  type AnalyseProgress,
} from '../../src/engine/media/analyse-file';
import { MediaTools } from '../../src/engine/media/media-tools';
import { ToolSlots } from '../../src/engine/media/tool-slots';
import {
  copyOf,
  hangingBinary,
  isRunning,
  probeImage,
  realTools,
  useMediaFixtures,
} from './media-test-kit';

const fixtures = useMediaFixtures();
let count = 0;
const deps = (change: Partial<AnalyseDeps> = {}): AnalyseDeps => ({
  tools: realTools(),
  outDir: path.join(fixtures().work, `asset-${(count += 1)}`),
  ...change,
});

/** Real ffprobe, and a stand-in ffmpeg that hangs. */
function withHungFfmpeg(): AnalyseDeps['tools'] {
  const real = realTools();
  const hung = hangingBinary(fixtures().work);
  return { require: (name) => (name === 'ffmpeg' ? Promise.resolve(hung) : real.require(name)) };
}

describe('analysing one file', () => {
  it.each([
    ['a short clip', () => fixtures().shortClips[0]!, 'SD', 320, 240],
    ['another short clip', () => fixtures().shortClips[2]!, 'SD', 320, 240],
    ['a 1080p clip', () => fixtures().hd1080, '1080p', 640, 360],
    ['a clip under five seconds', () => fixtures().underFiveSeconds, 'SD', 320, 240],
    ['a rotated portrait clip', () => fixtures().rotatedPortrait, '720p', 640, 1136],
    ['a QuickTime .mov', () => fixtures().mov, 'SD', 320, 240],
    ['a Matroska .mkv', () => fixtures().mkv, 'SD', 320, 240],
    ['a name with spaces', () => fixtures().withSpaces, 'SD', 320, 240],
    ['a non-ASCII name', () => fixtures().nonAscii, 'SD', 320, 240],
  ])(
    'analyses %s with two processes: probe, then one ffmpeg',
    async (_, file, resolution, thumbWidth, thumbHeight) => {
      const pids: number[] = [];
      const stages: AnalyseProgress[] = [];
      const result = await analyseFile(file(), deps(), {
        onSpawn: (pid) => pids.push(pid),
        onProgress: (p) => stages.push(p),
      });
      if (result.kind !== 'analysed') throw result.error;
      expect(pids).toHaveLength(2);
      expect(pids.filter(isRunning)).toEqual([]);
      expect(result.mediaInfo.resolutionClass).toBe(resolution);
      expect(await probeImage(result.thumbnail.file)).toEqual({
        codec: 'mjpeg',
        width: thumbWidth,
        height: thumbHeight,
      });
      expect(result.filmstrip?.tiles).toHaveLength(20);
      expect(result.warnings).toEqual([]);
      expect(stages.map((s) => s.stage)).toEqual(['stat', 'probe', 'integrity', 'stills', 'done']);
      expect(stages.map((s) => s.percent)).toEqual(
        [...stages.map((s) => s.percent)].sort((a, b) => a - b),
      );
      expect(analysisOutcomeSchema.parse(toOutcome(result)).kind).toBe('analysed');
    },
  );

  it('flags an audio-only file E_NO_VIDEO but still returns its MediaInfo for the catalog', async () => {
    const pids: number[] = [];
    const result = await analyseFile(fixtures().audioOnly, deps(), {
      onSpawn: (p) => pids.push(p),
    });
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.error.code).toBe('E_NO_VIDEO');
    expect(result.mediaInfo?.audio).toHaveLength(1);
    expect(pids).toHaveLength(1);
    const outcome = analysisOutcomeSchema.parse(toOutcome(result));
    expect(outcome.kind === 'failed' && outcome.error.code).toBe('E_NO_VIDEO');
  });

  it('says an empty file is empty without starting any process', async () => {
    const pids: number[] = [];
    const result = await analyseFile(fixtures().zeroBytes, deps(), {
      onSpawn: (p) => pids.push(p),
    });
    expect(result.kind === 'failed' && result.error.code).toBe('E_ZERO_BYTES');
    expect(result.kind === 'failed' && result.error.message).toContain('0 bytes');
    expect(pids).toEqual([]);
  });

  it('says a text file named .mp4 is not media', async () => {
    const result = await analyseFile(fixtures().textAsMp4, deps());
    expect(result.kind === 'failed' && result.error.code).toBe('E_NOT_MEDIA');
    expect(result.kind === 'failed' && result.mediaInfo).toBeNull();
  });

  it('reports the truncated fixture as E_TRUNCATED', async () => {
    const result = await analyseFile(fixtures().truncated, deps());
    expect(result.kind === 'failed' && result.error.code).toBe('E_TRUNCATED');
  });

  it('says a file that is not there is missing, and a folder is not media', async () => {
    const gone = await analyseFile(path.join(fixtures().work, 'never-was.mp4'), deps());
    expect(gone.kind === 'failed' && gone.error.code).toBe('E_FILE_MISSING');
    const folder = await analyseFile(fixtures().dir, deps());
    expect(folder.kind === 'failed' && folder.error.code).toBe('E_NOT_MEDIA');
  });

  it('notices a file that vanishes during analysis', async () => {
    const file = copyOf(fixtures().shortClips[1]!, fixtures().work, 'vanishing.mp4');
    const result = await analyseFile(file, deps(), {
      onProgress: ({ stage }) => {
        if (stage === 'stills') fs.rmSync(file);
      },
    });
    expect(result.kind === 'failed' && result.error.code).toBe('E_FILE_MISSING');
  });

  it('notices a file that grows during analysis (still copying) as E_FILE_CHANGED', async () => {
    const file = copyOf(fixtures().shortClips[1]!, fixtures().work, 'growing.mp4');
    const result = await analyseFile(file, deps(), {
      onProgress: ({ stage }) => {
        if (stage === 'stills') fs.appendFileSync(file, Buffer.alloc(4096));
      },
    });
    expect(result.kind).toBe('failed');
    if (result.kind !== 'failed') return;
    expect(result.error.code).toBe('E_FILE_CHANGED');
    expect(result.error.retryable).toBe(true);
    expect(result.mediaInfo).not.toBeNull();
  });

  it('kills a hung ffmpeg after the limit for the file size and reports E_TIMEOUT', async () => {
    const pids: number[] = [];
    const result = await analyseFile(
      fixtures().shortClips[0]!,
      deps({ tools: withHungFfmpeg(), timeouts: { baseMs: 3000, msPerMegabyte: 0 } }),
      { onSpawn: (p) => pids.push(p) },
    );
    expect(result.kind === 'failed' && result.error.code).toBe('E_TIMEOUT');
    expect(pids).toHaveLength(2);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('stops a real ffprobe that exceeds a tiny limit', async () => {
    const pids: number[] = [];
    const result = await analyseFile(
      fixtures().hd1080,
      deps({ timeouts: { baseMs: 1, msPerMegabyte: 0 } }),
      { onSpawn: (p) => pids.push(p) },
    );
    expect(result.kind === 'failed' && result.error.code).toBe('E_TIMEOUT');
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('cancelling kills the running ffmpeg and reports E_CANCELLED', async () => {
    const controller = new AbortController();
    const pids: number[] = [];
    const result = await analyseFile(fixtures().hd1080, deps({ tools: withHungFfmpeg() }), {
      signal: controller.signal,
      onSpawn: (pid) => {
        pids.push(pid);
        if (pids.length === 2) controller.abort();
      },
    });
    expect(result.kind === 'failed' && result.error.code).toBe('E_CANCELLED');
    expect(pids).toHaveLength(2);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('cancelling during the real thumbnail run leaves no ffmpeg behind', async () => {
    const controller = new AbortController();
    const pids: number[] = [];
    const result = await analyseFile(fixtures().hd1080, deps(), {
      signal: controller.signal,
      onSpawn: (pid) => {
        pids.push(pid);
        if (pids.length === 2) controller.abort();
      },
    });
    expect(result.kind === 'failed' && result.error.code).toBe('E_CANCELLED');
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it('gives its slot back whichever way it ends, so the next file runs', async () => {
    const slots = new ToolSlots(() => 1);
    const failed = await analyseFile(fixtures().textAsMp4, deps({ slots }));
    expect(failed.kind === 'failed' && failed.error.code).toBe('E_NOT_MEDIA');
    const truncated = await analyseFile(fixtures().truncated, deps({ slots }));
    expect(truncated.kind === 'failed' && truncated.error.code).toBe('E_TRUNCATED');
    expect(slots.taken).toBe(0);
    const analysed = await analyseFile(fixtures().shortClips[0]!, deps({ slots }));
    expect(analysed.kind).toBe('analysed');
    expect(slots.taken).toBe(0);
  });

  it('calls a file rewritten while it waited for its slot changed, not cut short', async () => {
    // Its boxes are read as it starts waiting, while it is still cut short; then it is
    // written whole. It is a changed file (hashed again, retried), not a broken one.
    const slots = new ToolSlots(() => 1);
    const release = await slots.acquire();
    const file = path.join(fixtures().work, 'rewritten-while-waiting.mp4');
    fs.copyFileSync(fixtures().truncated, file);
    let waiting = () => {};
    const waited = new Promise<void>((resolve) => (waiting = resolve));
    const result = analyseFile(file, deps({ slots }), {
      onProgress: (progress) => {
        if (progress.stage === 'waiting') waiting();
      },
    });
    await waited;
    await new Promise((resolve) => setTimeout(resolve, 100)); // the box walk's few reads
    fs.copyFileSync(fixtures().shortClips[0]!, file);
    release();
    const outcome = await result;
    expect(outcome.kind === 'failed' && outcome.error.code).toBe('E_FILE_CHANGED');
  });

  it('says what to install when ffprobe cannot be found', async () => {
    const tools = new MediaTools({
      env: { PATH: '' },
      bundledPath: () => null,
      settingsPath: () => null,
    });
    const result = await analyseFile(fixtures().shortClips[0]!, deps({ tools }));
    expect(result.kind === 'failed' && result.error.code).toBe('E_FFMPEG_MISSING');
    expect(result.kind === 'failed' && result.error.message).toContain('Install FFmpeg');
  });
});
