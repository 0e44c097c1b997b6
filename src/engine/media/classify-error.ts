import path from 'node:path';
import { dailiesError, isDailiesError, type DailiesError } from '../../shared/contract';
import type { ToolRun } from './run-tool';

/*
 * One place that turns what ffprobe, ffmpeg and the file system say into the stable codes
 * and the sentences an editor reads. The patterns are ffmpeg's own messages, the same in
 * 4.x (the bundled ffprobe-static) and 5.x+.
 */

const name = (file: string) => path.basename(file);

export function zeroBytesError(file: string): DailiesError {
  return dailiesError(
    'E_ZERO_BYTES',
    `${name(file)} is empty (0 bytes): it may still be copying, or the copy failed.`,
    { retryable: true, details: { file } },
  );
}

export function noVideoError(file: string): DailiesError {
  return dailiesError(
    'E_NO_VIDEO',
    `${name(file)} has no picture (audio only), so there is no thumbnail.`,
    { details: { file } },
  );
}

export function truncatedError(file: string, details: Record<string, unknown> = {}) {
  return dailiesError(
    'E_TRUNCATED',
    `The file ends early: it may still be copying, or it was cut short (${name(file)}).`,
    { retryable: true, details: { file, ...details } },
  );
}

export function changedError(file: string, details: Record<string, unknown> = {}) {
  return dailiesError(
    'E_FILE_CHANGED',
    `${name(file)} changed while it was being analysed; it will be analysed again once it stops changing.`,
    { retryable: true, details: { file, ...details } },
  );
}

export function missingError(file: string): DailiesError {
  return dailiesError(
    'E_FILE_MISSING',
    `${name(file)} is no longer there: was it moved or deleted?`,
    {
      details: { file },
    },
  );
}

export function notAFileError(file: string): DailiesError {
  return dailiesError('E_NOT_MEDIA', `${name(file)} is a folder or device, not a media file.`, {
    details: { file },
  });
}

/** A failed stat/open of the file itself. */
export function classifyFsError(error: unknown, file: string): DailiesError {
  if (isDailiesError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return missingError(file);
  if (code === 'EACCES' || code === 'EPERM')
    return dailiesError('E_PERMISSION', `Dailies is not allowed to read ${name(file)}.`, {
      details: { file },
    });
  return internal(error, file);
}

/** ffprobe exited non-zero or printed no usable JSON. */
export function classifyProbeFailure(run: ToolRun, file: string): DailiesError {
  const common = classifyToolStderr(run.stderr, file);
  if (common) return common;
  return dailiesError(
    'E_NOT_MEDIA',
    `${name(file)} is not a video or audio file that FFmpeg can read.`,
    { details: { file, exitCode: run.exitCode, stderr: tail(run.stderr) } },
  );
}

/** ffmpeg (thumbnail/filmstrip run) exited non-zero. */
export function classifyFfmpegFailure(run: ToolRun, file: string): DailiesError {
  const common = classifyToolStderr(run.stderr, file);
  if (common) return common;
  if (
    /matches no streams|does not contain any stream|Output file #\d+ does not contain/i.test(
      run.stderr,
    )
  )
    return noVideoError(file);
  if (/Invalid data found when processing input/i.test(run.stderr))
    return dailiesError('E_NOT_MEDIA', `${name(file)} could not be decoded as video.`, {
      details: { file, stderr: tail(run.stderr) },
    });
  return dailiesError(
    'E_TRUNCATED',
    `${name(file)} is damaged: FFmpeg could not decode a picture.`,
    {
      details: { file, exitCode: run.exitCode, stderr: tail(run.stderr) },
    },
  );
}

function classifyToolStderr(stderr: string, file: string): DailiesError | null {
  if (/No such file or directory/i.test(stderr)) return missingError(file);
  if (/Permission denied/i.test(stderr))
    return dailiesError('E_PERMISSION', `Dailies is not allowed to read ${name(file)}.`, {
      details: { file },
    });
  // ffmpeg: "Decoder (codec hevc) not found for input stream #0:0"; ffprobe: "Unsupported
  // codec with id 0 for input stream 1" when the codec is unknown to this build.
  const decoder =
    /Decoder \(codec ([\w-]+)\) not found/i.exec(stderr) ??
    /Unsupported codec with id (\d+)/i.exec(stderr);
  if (decoder) {
    const codec = decoder[1] ?? 'unknown';
    return dailiesError(
      'E_UNSUPPORTED_CODEC',
      `${name(file)} uses a codec (${codec}) this FFmpeg cannot decode. Try a newer FFmpeg or ask for an H.264/HEVC/ProRes delivery.`,
      { details: { file, codec } },
    );
  }
  return null;
}

/** Anything unexpected becomes E_INTERNAL; the detail goes to the log, not the editor. */
export function toDailiesError(error: unknown, file: string): DailiesError {
  return isDailiesError(error) ? error : internal(error, file);
}

function internal(error: unknown, file: string): DailiesError {
  return dailiesError('E_INTERNAL', `Analysing ${name(file)} failed unexpectedly.`, {
    details: { file, cause: error instanceof Error ? error.message : String(error) },
  });
}

/** The last lines of a tool's stderr, enough for the log without storing megabytes. */
export function tail(text: string, lines = 8): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
