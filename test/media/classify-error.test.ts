import { describe, expect, it } from 'vitest';
import {
  classifyFfmpegFailure,
  classifyFsError,
  classifyProbeFailure,
} from '../../src/engine/media/classify-error';

const run = (stderr: string) => ({ exitCode: 1, signal: null, stdout: '', stderr });

describe('classifying tool failures', () => {
  it('names a codec this FFmpeg cannot decode', () => {
    const error = classifyFfmpegFailure(
      run('Decoder (codec av1) not found for input stream #0:0\n'),
      '/m/a.mkv',
    );
    expect(error.code).toBe('E_UNSUPPORTED_CODEC');
    expect(error.message).toContain('(av1)');
    expect(
      classifyProbeFailure(run('Unsupported codec with id 0 for input stream 1'), '/m/a').code,
    ).toBe('E_UNSUPPORTED_CODEC');
  });

  it('tells missing, forbidden and not-media apart', () => {
    expect(classifyProbeFailure(run('/m/a.mp4: No such file or directory'), '/m/a.mp4').code).toBe(
      'E_FILE_MISSING',
    );
    expect(classifyProbeFailure(run('/m/a.mp4: Permission denied'), '/m/a.mp4').code).toBe(
      'E_PERMISSION',
    );
    expect(
      classifyProbeFailure(run('Invalid data found when processing input'), '/m/a.mp4').code,
    ).toBe('E_NOT_MEDIA');
    expect(
      classifyFfmpegFailure(
        run("Stream specifier ':v' in filtergraph description matches no streams."),
        '/m/a',
      ).code,
    ).toBe('E_NO_VIDEO');
    expect(classifyFsError(Object.assign(new Error('x'), { code: 'EACCES' }), '/m/a').code).toBe(
      'E_PERMISSION',
    );
    expect(classifyFsError(new Error('disk on fire'), '/m/a').code).toBe('E_INTERNAL');
  });
});
