import path from 'node:path';
import { z } from 'zod';
import { isDailiesError, type AssetId } from '../../shared/contract';
import { defineCommand } from '../command';
import { progressView } from '../progress/progress-view';
import { followProgress } from '../batch/follow-progress';
import { resolveProfile } from '../profiles/resolve-profile';
import { watchSpec } from './watch-spec';

export const watchCommand = defineCommand({
  ...watchSpec,
  input: z.object({
    positionals: z.array(z.string().min(1)).length(1, 'Name one folder to watch.'),
    values: z.object({
      upload: z.boolean().default(false),
      profile: z.string().min(1).optional(),
    }),
  }),
  async run({ positionals, values }, context) {
    const folder = path.resolve(positionals[0]!);
    const api = await context.api({ startWork: true });
    const profile = values.upload ? await resolveProfile(api, values.profile) : null;
    const before = await api.invoke('watchFolders.list', {});
    const existing = before.find((watched) => watched.path === folder);
    const watched = existing ?? (await api.invoke('watchFolders.add', { path: folder }));
    if (watched.problem) context.err(`dailies: ${watched.problem}`);
    const names = new Map<AssetId, string>();
    const nameOf = (id: AssetId) => names.get(id) ?? `asset ${id}`;
    const view = progressView(context.terminal, context);
    const say = (line: string, record: Record<string, unknown>) =>
      context.json ? context.out(JSON.stringify(record)) : context.out(line);
    const stops = [
      followProgress(api, view, nameOf),
      api.subscribe('assets.changed', (change) => {
        if (change.reason !== 'added' && change.reason !== 'updated') return;
        for (const id of change.ids) {
          void api.invoke('assets.get', { id }).then((asset) => {
            if (names.has(id)) return;
            names.set(id, asset.fileName);
            say(`+ ${asset.fileName}: ingested`, {
              event: 'ingested',
              assetId: id,
              file: asset.fileName,
            });
          });
        }
      }),
      api.subscribe('job.changed', (job) => {
        const id = job.spec.assetId;
        if (job.state === 'failed') {
          say(`✗ ${nameOf(id)}: ${job.error?.message ?? 'failed'}`, {
            event: 'failed',
            assetId: id,
            error: job.error,
          });
        }
        if (job.state !== 'done') return;
        if (job.spec.kind === 'sync') {
          say(`✓ ${nameOf(id)}: uploaded and registered`, { event: 'synced', assetId: id });
          return;
        }
        say(`✓ ${nameOf(id)}: analysed`, { event: 'analysed', assetId: id });
        if (!profile) return;
        api
          .invoke('sync.enqueue', { assetIds: [id], profileId: profile.id })
          .catch((error: unknown) => {
            if (!isDailiesError(error)) throw error;
            say(`✗ ${nameOf(id)}: not sent: ${error.message}`, {
              event: 'failed',
              assetId: id,
              error: error.toValue(),
            });
          });
      }),
    ];
    if (!context.json) context.out(`Watching ${folder} (Ctrl+C to stop).`);
    try {
      await new Promise((resolve) =>
        context.signal.addEventListener('abort', resolve, { once: true }),
      );
    } finally {
      stops.forEach((stop) => stop());
      view.stop();
      // A folder this command started watching is not left to the app to keep watching.
      if (!existing) await api.invoke('watchFolders.remove', { id: watched.id });
    }
    context.err('Stopped watching. Run the same command again to go on; nothing is lost.');
    return 'ok';
  },
});
