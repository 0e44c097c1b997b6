import path from 'node:path';
import { dailiesError } from '../../shared/contract';
import { classifyFfmpegFailure, tail } from './classify-error';
import { runTool, type ToolRunContext } from './run-tool';

export interface LoudnessMeasurement {
  /** EBU R128 integrated loudness, LUFS. */
  integratedLufs: number;
  /** Loudness range, LU. */
  rangeLu: number | null;
}

/**
 * Integrated loudness of the first audio track with ffmpeg's ebur128 filter. It decodes the
 * whole track (fast for audio: ~100 ms for a short clip), so it runs only when a delivery
 * rule set asks for loudness. Null when the file has no audio track. The summary is printed at info level, hence -v info here.
 */
export async function measureLoudness(
  ffmpeg: string,
  file: string,
  options: ToolRunContext = {},
): Promise<LoudnessMeasurement | null> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-v',
    'info',
    '-i',
    path.resolve(file),
    '-map',
    '0:a:0',
    '-af',
    'ebur128=framelog=verbose',
    '-f',
    'null',
    '-',
  ];
  const run = await runTool(ffmpeg, args, options);
  if (run.exitCode !== 0) {
    if (/matches no streams/i.test(run.stderr)) return null;
    throw classifyFfmpegFailure(run, file);
  }
  const measured = parseEbur128Summary(run.stderr);
  if (!measured)
    throw dailiesError('E_INTERNAL', `The loudness of ${path.basename(file)} could not be read.`, {
      details: { file, stderr: tail(run.stderr) },
    });
  return measured;
}

/** Reads "I: -23.0 LUFS" and "LRA: 4.2 LU" from the filter's closing summary. */
export function parseEbur128Summary(stderr: string): LoudnessMeasurement | null {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary);
  if (!integrated?.[1]) return null;
  const range = /LRA:\s+(-?[\d.]+) LU/.exec(summary);
  return {
    integratedLufs: integrated[1] === '-inf' ? -Infinity : Number(integrated[1]),
    rangeLu: range?.[1] ? Number(range[1]) : null,
  };
}
