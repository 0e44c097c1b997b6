import { z } from 'zod';
import { defineCommand } from '../command';
import { formatAppInfo } from '../format-app-info';
import { noArguments } from './no-arguments';
import { infoSpec } from './info-spec';

export const infoCommand = defineCommand({
  ...infoSpec,
  input: z.object({ positionals: noArguments('info') }),
  async run(_input, context) {
    const info = await (await context.api()).invoke('app.info', {});
    context.out(context.json ? JSON.stringify(info, null, 2) : formatAppInfo(info));
    const missing = [info.ffprobe, info.ffmpeg].filter((tool) => tool.kind === 'missing');
    for (const tool of missing) {
      context.err(
        context.json
          ? JSON.stringify({ code: 'E_FFMPEG_MISSING', message: tool.message, retryable: false })
          : `dailies: ${tool.message}`,
      );
    }
    return missing.length > 0 ? 'toolsMissing' : 'ok';
  },
});
