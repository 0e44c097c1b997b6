import { z } from 'zod';
import type { ReconcileFinding } from '../../shared/contract';
import { defineCommand } from '../command';
import { resolveProfile } from '../profiles/resolve-profile';
import { noArguments } from './no-arguments';
import { reconcileSpec } from './reconcile-spec';

export const reconcileCommand = defineCommand({
  ...reconcileSpec,
  input: z.object({
    positionals: noArguments('reconcile'),
    values: z.object({ profile: z.string().min(1).optional() }),
  }),
  async run({ values }, context) {
    const api = await context.api();
    const profile = await resolveProfile(api, values.profile);
    const result = await api.invoke('sync.reconcile', { profileId: profile.id });
    if (context.json) context.out(JSON.stringify(result, null, 2));
    else {
      context.out(
        `Checked ${result.checked} asset${result.checked === 1 ? '' : 's'} under "${profile.name}".`,
      );
      for (const finding of result.findings) context.out(`  ${describeFinding(finding)}`);
      if (result.findings.length === 0) context.out('Everything matches.');
    }
    return result.findings.length === 0 ? 'ok' : 'failed';
  },
});

function describeFinding(finding: ReconcileFinding): string {
  switch (finding.kind) {
    case 'uploaded-not-registered':
      return `asset ${finding.assetId}: ${finding.videoKey} is in the bucket but not registered`;
    case 'registered-object-missing':
      return `asset ${finding.assetId}: the platform points at ${finding.key}, which the bucket no longer holds`;
    case 'remote-changed':
      return `asset ${finding.assetId}: changed on the platform (${finding.fields.map((field) => field.field).join(', ')})`;
    case 'content-missing':
      return `asset ${finding.assetId}: the platform no longer has content ${finding.contentId}`;
  }
}
