import { z } from 'zod';
import { bulkPatchSchema, dailiesError, type Asset, type BulkPatch } from '../../shared/contract';
import { resolveAssets } from '../assets/resolve-assets';
import { defineCommand } from '../command';
import { setSpec } from './set-spec';
import { stoppableCall } from '../stoppable-call';

const flagOf: Record<string, string> = {
  title: '--title',
  description: '--description',
  ageRating: '--age-rating',
  contentId: '--content-id',
  slug: '--slug',
  tags: '--tags',
  addTags: '--add-tag',
  removeTags: '--remove-tag',
  notes: '--notes',
};

export const setCommand = defineCommand({
  ...setSpec,
  input: z.object({
    positionals: z.array(z.string().min(1)).min(1, 'Name at least one asset to change.'),
    values: z.object({
      title: z.string().optional(),
      description: z.string().optional(),
      'age-rating': z.string().optional(),
      'content-id': z.string().optional(),
      slug: z.string().optional(),
      tags: z.string().optional(),
      'add-tag': z.array(z.string()).optional(),
      'remove-tag': z.array(z.string()).optional(),
      notes: z.string().optional(),
      'dry-run': z.boolean().default(false),
    }),
  }),
  async run({ positionals, values }, context) {
    const patch = checkedPatch(values);
    const api = await context.api();
    const assets = await resolveAssets(api, positionals);
    if (values['dry-run']) {
      const changes = assets.map((asset) => ({
        assetId: asset.id,
        changes: preview(asset, patch),
      }));
      if (context.json) context.out(JSON.stringify({ dryRun: true, assets: changes }, null, 2));
      else {
        context.out('Dry run: nothing is changed.');
        for (const { assetId, changes: fields } of changes) {
          context.out(`Asset ${assetId}:${fields.length ? '' : ' no change'}`);
          for (const change of fields) {
            context.out(
              `  ${change.field}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`,
            );
          }
        }
      }
      return 'ok';
    }
    const result =
      assets.length === 1 && !patch.addTags && !patch.removeTags
        ? { updated: 1, assets: [await api.invoke('assets.update', { id: assets[0]!.id, patch })] }
        : {
            // Ctrl+C stops it with nothing changed (a bulk edit is all or nothing).
            ...(await stoppableCall(api, context.signal, () =>
              api.invoke('assets.bulkUpdate', { ids: assets.map((asset) => asset.id), patch }),
            )),
          };
    if (context.json) context.out(JSON.stringify(result, null, 2));
    else context.out(`Changed ${result.updated} asset${result.updated === 1 ? '' : 's'}.`);
    return 'ok';
  },
});

/** The patch, checked with the contract's own schema; each problem names its option. */
function checkedPatch(values: Record<string, unknown>): BulkPatch {
  const raw: Record<string, unknown> = {
    title: values.title,
    description: values.description,
    ageRating: values['age-rating'],
    contentId:
      values['content-id'] === undefined
        ? undefined
        : /^\s*\d+\s*$/.test(String(values['content-id']))
          ? Number(values['content-id'])
          : values['content-id'],
    slug: values.slug,
    tags:
      typeof values.tags === 'string'
        ? values.tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean)
        : undefined,
    addTags: values['add-tag'],
    removeTags: values['remove-tag'],
    notes: values.notes,
  };
  const patch = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  if (Object.keys(patch).length === 0) {
    throw dailiesError(
      'E_VALIDATION',
      'Nothing to change: give at least one of --title, --description, --age-rating, --content-id, --tags...',
    );
  }
  const parsed = bulkPatchSchema.safeParse(patch);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    return `${flagOf[field] ?? field}: ${issue.message}`;
  });
  throw dailiesError('E_VALIDATION', problems.join(' '));
}

function preview(asset: Asset, patch: BulkPatch) {
  const changes: Array<{ field: string; from: unknown; to: unknown }> = [];
  let tags = patch.tags ?? asset.tags;
  if (patch.addTags) tags = [...new Set([...tags, ...patch.addTags])];
  if (patch.removeTags) tags = tags.filter((tag) => !patch.removeTags!.includes(tag));
  const next: Record<string, unknown> = { ...patch, tags };
  delete next.addTags;
  delete next.removeTags;
  for (const [field, to] of Object.entries(next)) {
    const from = (asset as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}
