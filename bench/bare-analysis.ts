import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { probeArgs } from '../src/engine/media/probe';
import {
  decodeThreadsFor,
  defaultStillsOptions,
  planStills,
} from '../src/engine/media/stills-plan';
import { isIsoBmff } from '../src/engine/media/truncation';
import type { DailiesApi } from '../src/shared/contract';
import type { MediaInfo, VideoTrack } from '../src/shared/contract/media';

/**
 * One sh script per asset: the engine's ffprobe command, then its stills command with the
 * decoder threads the engine's rule gives it (decodeThreadsFor). The engine counts the
 * analyses running as each one's stills start, so one that runs alone (the last file of a
 * run, say) gets no -threads; each script does the same with a marker file per running
 * script, written before its ffprobe as the engine marks an analysis before its probe, and
 * counted without a fork (`set -- running/*`). So both sides run the very same commands.
 */
export async function writeBareAnalysisScripts(
  api: DailiesApi,
  assetIds: readonly number[],
  tools: { ffprobe: string; ffmpeg: string; workers: number },
  dir: string,
): Promise<string[]> {
  const { ffprobe, ffmpeg, workers } = tools;
  const runningDir = path.join(dir, 'running');
  fs.mkdirSync(runningDir, { recursive: true });
  const scripts: string[] = [];
  const cores = os.availableParallelism();
  for (const assetId of assetIds) {
    const asset = await api.invoke('assets.get', { id: assetId });
    const analysis = await api.invoke('analysis.get', { assetId });
    const info = analysis?.mediaInfo as (MediaInfo & { video: VideoTrack }) | null;
    const file = asset.locations[0]!.path;
    if (!info?.video) throw new Error(`No media info for ${file}`);
    const out = path.join(dir, String(assetId));
    fs.mkdirSync(out, { recursive: true });
    // The stills command for each number of analyses running at once, 1 to `workers`.
    const stillsFor = (running: number) => {
      const decodeThreads = decodeThreadsFor(running, cores);
      const plan = planStills(
        file,
        info,
        {
          thumbnail: path.join(out, 'thumbnail.jpg'),
          filmstrip: path.join(out, 'filmstrip.jpg'),
          tail: path.join(out, 'tail.jpg'),
        },
        {
          ...defaultStillsOptions,
          checkTail: !isIsoBmff(info.container),
          ...(decodeThreads ? { decodeThreads } : {}),
        },
      );
      return [ffmpeg, ...plan.args].map(quote).join(' ');
    };
    const marker = quote(path.join(runningDir, String(assetId)));
    const cases = Array.from({ length: workers }, (_, i) =>
      i + 1 < workers ? `  ${i + 1}) ${stillsFor(i + 1)} ;;` : `  *) ${stillsFor(workers)} ;;`,
    );
    const script = path.join(dir, `${assetId}.sh`);
    fs.writeFileSync(
      script,
      `: > ${marker}\n` +
        `${[ffprobe, ...probeArgs(file)].map(quote).join(' ')} >/dev/null\n` +
        `set -- ${quote(runningDir)}/*\n` +
        `case $# in\n${cases.join('\n')}\nesac\n` +
        `status=$?\nrm -f ${marker}\nexit $status\n`,
    );
    scripts.push(script);
  }
  return scripts;
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
