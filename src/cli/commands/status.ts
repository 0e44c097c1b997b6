import { z } from 'zod';
import { assetStatuses } from '../../shared/contract';
import { formatBytes } from '../../shared/format-units';
import { formatEta } from '../progress/bars-view';
import { defineCommand } from '../command';
import { noArguments } from './no-arguments';
import { statusSpec } from './status-spec';

export const statusCommand = defineCommand({
  ...statusSpec,
  input: z.object({ positionals: noArguments('status') }),
  async run(_input, context) {
    const api = await context.api();
    const assets: Record<string, number> = {};
    for (const status of assetStatuses) {
      const page = await api.invoke('assets.search', {
        filters: { status: [status] },
        limit: 1,
        includeTotal: true,
      });
      assets[status] = page.total ?? 0;
    }
    const queue = await api.invoke('sync.overview', {});
    if (context.json) {
      context.out(JSON.stringify({ assets, queue }, null, 2));
      return 'ok';
    }
    const counts = Object.entries(assets)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${count} ${status}`);
    context.out(`Assets: ${counts.join(', ') || 'none yet'}.`);
    context.out(
      `Uploads: ${queue.running} running, ${queue.queued} queued, ${queue.paused} paused, ` +
        `${queue.failed} failed.`,
    );
    if (queue.bytesTotal > 0) {
      const speed = queue.bytesPerSecond > 0 ? `, ${formatBytes(queue.bytesPerSecond)}/s` : '';
      const eta = queue.etaSeconds === null ? '' : `, about ${formatEta(queue.etaSeconds)} left`;
      context.out(
        `  ${formatBytes(queue.bytesSent)} of ${formatBytes(queue.bytesTotal)} sent${speed}${eta}.`,
      );
    }
    for (const hold of queue.holds) context.out(`Held (${hold.reason}): ${hold.message}`);
    return 'ok';
  },
});
