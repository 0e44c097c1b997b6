import {
  dailiesError,
  type DeliveryReport,
  type DeliveryRuleSet,
  type SyncJobSpec,
} from '../../shared/contract';
import type { AssetRow } from '../catalog/repositories/asset-repository';

export interface DeliveryGateDeps {
  /**
   * The rule set a profile's uploads must pass (null rules: there is no set at all), or the
   * reference it gives that matches no set.
   */
  rulesFor: (
    profileId: string,
  ) => { kind: 'rules'; rules: DeliveryRuleSet | null } | { kind: 'missing'; ref: string };
  /** An asset's stored analysis judged against the rules; null when nothing can be judged. */
  judge: (assetId: number, rules: DeliveryRuleSet | null) => DeliveryReport | null;
}

/** What the gate says of one asset about to be sent. */
export type GateVerdict =
  | { kind: 'pass' }
  | { kind: 'warn'; message: string }
  | { kind: 'fail'; ruleSet: string; reasons: string[]; reason: string };

/**
 * The delivery check as a gate, before any bandwidth is spent: under the profile's rule
 * set, a fail stops the asset (unless the editor overrides it), a warn goes with a warning.
 * The verdict is judged again at send time, so it is always the target profile's, whatever
 * the library showed. A profile naming a set that no longer exists stops the whole send.
 */
export function deliveryGate(
  deps: DeliveryGateDeps,
  profileId: string,
  refusal = 'Nothing was queued',
): (assetId: number) => GateVerdict {
  const resolved = deps.rulesFor(profileId);
  if (resolved.kind === 'missing')
    throw dailiesError(
      'E_VALIDATION',
      `${refusal}: the upload profile's delivery rule set "${resolved.ref}" does not ` +
        'exist (any more). Pick one in the profile, then send again.',
      { details: { field: 'deliveryRuleSetId', ruleSet: resolved.ref } },
    );
  return (assetId) => {
    const report = deps.judge(assetId, resolved.rules);
    if (!report || report.verdict === 'pass') return { kind: 'pass' };
    const messages = (verdict: 'warn' | 'fail') =>
      report.findings.filter((f) => f.verdict === verdict).map((f) => f.message);
    if (report.verdict === 'warn')
      return {
        kind: 'warn',
        message: `meets "${report.ruleSet}" with warnings: ${messages('warn').join(' ')}`,
      };
    const reasons = messages('fail');
    return {
      kind: 'fail',
      ruleSet: report.ruleSet,
      reasons,
      reason: `does not meet the delivery rules "${report.ruleSet}": ${reasons.join(' ')}`,
    };
  };
}

/**
 * The gate again as a queued sync starts: since it was queued the file may have been
 * analysed again (and now fail), or the profile's rules changed. An asset the editor chose
 * to send anyway goes; one already on the platform only sends its metadata again.
 */
export function checkGateAtStart(deps: DeliveryGateDeps, spec: SyncJobSpec, asset: AssetRow): void {
  if (spec.overrideDelivery === true || asset.syncedAt !== null) return;
  const verdict = deliveryGate(deps, spec.profileId, `"${asset.title}" was not sent`)(asset.id);
  if (verdict.kind !== 'fail') return;
  throw dailiesError(
    'E_VALIDATION',
    `"${asset.title}" was not sent: it ${verdict.reason} (checked again as its upload ` +
      'started). Fix the file, or send it anyway.',
    {
      details: {
        assetId: asset.id,
        ruleSet: verdict.ruleSet,
        reasons: verdict.reasons,
        overridable: true,
      },
    },
  );
}
