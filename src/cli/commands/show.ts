import { z } from 'zod';
import { formatBytes, formatDuration } from '../../shared/format-units';
import { resolveAsset } from '../assets/resolve-assets';
import { defineCommand } from '../command';
import { showSpec } from './show-spec';

export const showCommand = defineCommand({
  ...showSpec,
  input: z.object({
    positionals: z
      .array(z.string().min(1))
      .length(1, 'Name one asset: its id, #content-id or file path.'),
  }),
  async run({ positionals }, context) {
    const api = await context.api();
    const asset = await resolveAsset(api, positionals[0]!);
    const [analysis, syncs, history] = await Promise.all([
      api.invoke('analysis.get', { assetId: asset.id }),
      api.invoke('sync.status', { assetIds: [asset.id] }),
      api.invoke('assets.history', { id: asset.id, limit: 20 }),
    ]);
    const sync = syncs[0] ?? null;
    if (context.json) {
      context.out(JSON.stringify({ asset, analysis, sync, history }, null, 2));
      return 'ok';
    }
    const media = analysis?.mediaInfo;
    const rows: Array<[string, string]> = [
      ['Title', asset.title],
      ['Status', asset.status],
      ['Content id', asset.contentId === null ? '—' : String(asset.contentId)],
      ['Slug', asset.slug],
      ['Age rating', asset.ageRating],
      ['Tags', asset.tags.join(', ') || '—'],
      ['Size', formatBytes(asset.sizeBytes)],
      ['Duration', formatDuration(asset.durationSeconds)],
      [
        'Video',
        asset.codec
          ? `${asset.codec} ${asset.width}x${asset.height} (${asset.resolutionClass})`
          : '—',
      ],
      ['Files', asset.locations.map((location) => location.path).join('\n    ') || '—'],
    ];
    if (media) rows.push(['Container', media.container]);
    if (analysis?.error) rows.push(['Analysis', `failed: ${analysis.error.message}`]);
    const delivery = analysis?.delivery;
    if (delivery) {
      const findings = delivery.findings.map((finding) => `${finding.verdict}: ${finding.message}`);
      rows.push([
        'Delivery',
        `${delivery.verdict} ("${delivery.ruleSet}")${findings.length ? `\n    ${findings.join('\n    ')}` : ''}`,
      ]);
    }
    if (sync) {
      rows.push(['Sync', `${sync.step}${sync.jobState ? ` (job ${sync.jobState})` : ''}`]);
      if (sync.videoKey) rows.push(['Video key', sync.videoKey]);
      if (sync.thumbnailKey) rows.push(['Thumbnail key', sync.thumbnailKey]);
      if (sync.remoteAssetId !== null) rows.push(['Platform asset', String(sync.remoteAssetId)]);
      if (sync.lastError) rows.push(['Last error', sync.lastError.message]);
    }
    const width = Math.max(...rows.map(([label]) => label.length));
    context.out(`Asset ${asset.id}: ${asset.fileName}`);
    for (const [label, value] of rows) context.out(`  ${label.padEnd(width)}  ${value}`);
    if (history.length > 0) {
      context.out('History:');
      for (const entry of history) {
        const fields = entry.changes.map((change) => change.field).join(', ');
        context.out(
          `  ${entry.at}  ${entry.actor}  ${entry.kind}: ${fields}${entry.undone ? ' (undone)' : ''}`,
        );
      }
    }
    return 'ok';
  },
});
