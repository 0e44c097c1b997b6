import { z } from 'zod';
import { assetStatusSchema, type Asset } from '../../shared/contract';
import { formatDuration } from '../../shared/format-units';
import { allAssets } from '../assets/resolve-assets';
import { defineCommand } from '../command';
import { formatTable } from '../format-table';
import { lsSpec } from './ls-spec';

export const lsCommand = defineCommand({
  ...lsSpec,
  input: z.object({
    positionals: z.array(z.string()).max(1, 'Give the query as one argument (quote it).'),
    values: z.object({ status: z.array(assetStatusSchema).min(1).optional() }),
  }),
  async run({ positionals, values }, context) {
    const api = await context.api();
    const found: Asset[] = [];
    const search = {
      query: positionals[0] ?? '',
      filters: values.status ? { status: values.status } : {},
    };
    for await (const asset of allAssets(api, search)) found.push(asset);
    if (context.json) {
      context.out(JSON.stringify(found, null, 2));
      return 'ok';
    }
    if (found.length === 0) {
      context.out('No assets match.');
      return 'ok';
    }
    context.out(
      formatTable(
        ['Id', 'Status', 'Content', 'Duration', 'Title', 'File'],
        found.map((asset) => [
          String(asset.id),
          asset.status,
          asset.contentId === null ? '—' : `#${asset.contentId}`,
          formatDuration(asset.durationSeconds),
          asset.title,
          asset.locations[0]?.path ?? asset.fileName,
        ]),
      ),
    );
    return 'ok';
  },
});
