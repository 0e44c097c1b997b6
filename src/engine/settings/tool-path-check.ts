import { dailiesError, type Settings, type SettingsPatch } from '../../shared/contract';
import { checkToolBinary, type ToolName } from '../media/locate-tools';

const fields: Array<[keyof Pick<Settings, 'ffprobePath' | 'ffmpegPath'>, ToolName]> = [
  ['ffprobePath', 'ffprobe'],
  ['ffmpegPath', 'ffmpeg'],
];

/**
 * Refuses a tool path that is not the tool it names, before it is saved: every file Dailies
 * analyses is handed to that program with the editor's rights, so `/bin/sh` or a script must
 * never be taken for ffprobe. Paths already saved, and clearing one, need no check.
 */
export async function assertToolPaths(current: Settings, patch: SettingsPatch): Promise<void> {
  const problems: Array<{ path: string; message: string }> = [];
  for (const [field, tool] of fields) {
    const file = patch[field]?.trim();
    if (!file || file === current[field]) continue;
    const check = await checkToolBinary(tool, file);
    if (!check.ok) problems.push({ path: field, message: check.message });
  }
  if (problems.length === 0) return;
  throw dailiesError('E_VALIDATION', problems.map((problem) => problem.message).join(' '), {
    details: { fields: problems },
  });
}
