import fs from 'node:fs';
import { dailiesError, type AssetStatus, type MethodOutput } from '../../shared/contract';
import type { AssetRow } from '../catalog/repositories/asset-repository';
import { needsLoudness } from '../media/delivery-check';
import { deliveryGate, type GateVerdict } from './delivery-gate';
import type { SyncServiceDeps } from './sync-service';
import { isoNow } from '../time/clock';

export type SyncEnqueueDeps = Pick<
  SyncServiceDeps,
  | 'assets'
  | 'analysis'
  | 'states'
  | 'queue'
  | 'transact'
  | 'events'
  | 'logger'
  | 'clock'
  | 'delivery'
  | 'recordOverride'
  | 'analysisRuns'
>;

export interface SyncEnqueueInput {
  assetIds: number[];
  profileId?: string | undefined;
  priority: number;
  partial?: boolean | undefined;
  overrideDelivery?: boolean | undefined;
}

type NotSent = MethodOutput<'sync.enqueue'>['notSent'][number];

const ENQUEUEABLE: ReadonlySet<AssetStatus> = new Set(['ready', 'dirty', 'queued', 'uploading']);

/**
 * `sync.enqueue` for one profile: which of the chosen assets may go (analysed, with a
 * thumbnail, passing the profile's delivery check unless sent anyway), why each other one may
 * not, and a sync job queued for each that may. Unless `partial`, one asset that may not go
 * queues nothing.
 */
export function enqueueSyncs(
  deps: SyncEnqueueDeps,
  profileId: string,
  input: SyncEnqueueInput,
): MethodOutput<'sync.enqueue'> {
  const gate = deliveryGate(deps.delivery, profileId);
  const early = sendableAtVerdict(deps, profileId);
  const rows = new Map(deps.assets.findByIds(input.assetIds).map((row) => [row.id, row]));
  const problems: NotSent[] = [];
  const warnings: Array<{ assetId: number; message: string }> = [];
  const toQueue: AssetRow[] = [];
  const overridden: Array<{ asset: AssetRow; failure: GateVerdict & { kind: 'fail' } }> = [];
  let alreadyQueued = 0;
  let alreadySynced = 0;
  for (const id of new Set(input.assetIds)) {
    const asset = rows.get(id);
    if (!asset || asset.deletedAt !== null) {
      problems.push({
        assetId: id,
        reason: 'it is not in the library (removed or in the trash)',
        overridable: false,
      });
    } else if (deps.queue.activeForAsset('sync', id).length > 0) {
      alreadyQueued += 1;
    } else if (asset.status === 'synced') {
      alreadySynced += 1;
    } else {
      const reason = early(asset) ? null : notReady(deps, asset);
      // Once on the platform only the metadata goes again: the file was judged then.
      const verdict: GateVerdict =
        reason || asset.syncedAt !== null ? { kind: 'pass' } : gate(asset.id);
      const said = (text: string) => `"${asset.title}" ${text}`;
      if (reason) {
        problems.push({ assetId: id, reason: said(reason), overridable: false });
      } else if (verdict.kind === 'fail' && !input.overrideDelivery) {
        problems.push({ assetId: id, reason: said(verdict.reason), overridable: true });
      } else {
        toQueue.push(asset);
        if (verdict.kind === 'warn') warnings.push({ assetId: id, message: said(verdict.message) });
        if (verdict.kind === 'fail') {
          overridden.push({ asset, failure: verdict });
          warnings.push({ assetId: id, message: said(`is sent anyway: it ${verdict.reason}`) });
        }
      }
    }
  }
  if (problems.length > 0 && !input.partial) {
    const hint = problems.some((p) => p.overridable)
      ? ' To send an asset that fails the delivery check, confirm sending it anyway.'
      : '';
    throw dailiesError(
      'E_VALIDATION',
      (problems.length === 1
        ? `Nothing was queued: ${problems[0]!.reason}.`
        : `Nothing was queued: ${problems.length} of the selected assets cannot be synced yet ` +
          `(${problems[0]!.reason}, ...).`) + hint,
      { details: { assets: problems } },
    );
  }
  const at = isoNow(deps.clock);
  const jobIds = deps.transact(() => {
    for (const { asset, failure } of overridden)
      deps.recordOverride(asset.id, { ruleSet: failure.ruleSet, reasons: failure.reasons });
    const sentAnyway = new Set(overridden.map((o) => o.asset.id));
    return toQueue.map((asset) => {
      const state = deps.states.find(asset.id);
      if (!state || state.step === 'pending') deps.states.upsert(asset.id, { profileId }, at);
      return deps.queue.enqueue(
        {
          kind: 'sync',
          assetId: asset.id,
          profileId,
          ...(sentAnyway.has(asset.id) ? { overrideDelivery: true } : {}),
        },
        input.priority,
      ).id;
    });
  });
  if (overridden.length > 0) {
    deps.logger.info('sent despite failing the delivery check', {
      assetIds: overridden.map((o) => o.asset.id),
      profileId,
    });
    deps.events.emit('assets.changed', {
      reason: 'updated',
      ids: overridden.map((o) => o.asset.id),
    });
  }
  return {
    queued: jobIds.length,
    alreadyQueued,
    alreadySynced,
    jobIds,
    notSent: problems,
    warnings,
  };
}

/**
 * Whether an asset still being analysed may go now: never sent, its early verdict in (see
 * AnalysisRuns), and judged by rules that do not ask for the loudness (measured alongside the
 * stills, so known only at the end).
 */
function sendableAtVerdict(deps: SyncEnqueueDeps, profileId: string): (asset: AssetRow) => boolean {
  const resolved = deps.delivery.rulesFor(profileId);
  const rulesAllow =
    resolved.kind === 'rules' && !(resolved.rules && needsLoudness(resolved.rules));
  return (asset) =>
    rulesAllow &&
    asset.status === 'analysing' &&
    asset.syncedAt === null &&
    deps.analysisRuns.hasVerdict(asset.id, asset.sha256);
}

function notReady(deps: SyncEnqueueDeps, asset: AssetRow): string | null {
  if (!ENQUEUEABLE.has(asset.status) || asset.needsAnalysis) {
    return asset.status === 'error'
      ? 'could not be analysed; fix the file and analyse it again'
      : 'is not analysed yet; wait for its analysis to finish';
  }
  if (asset.syncedAt !== null) return null; // only its metadata goes again
  const thumbnail = deps.analysis.findByAssetId(asset.id)?.thumbnailPath;
  if (!thumbnail || !fs.existsSync(thumbnail)) return 'has no thumbnail; analyse it again';
  return null;
}
