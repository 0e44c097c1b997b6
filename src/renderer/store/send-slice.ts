import { DailiesError } from '../../shared/contract/errors';
import type { DailiesApi, EnqueueResult } from '../../shared/contract';
import { errorMessage } from './error-message';
import { plural } from './plural';
import type { Slice } from './slice';

/**
 * Sending assets to the platform from the Library: what each send queued, and what it left
 * out and why, told in the Library's notice.
 */
export interface SendSlice {
  /**
   * The assets the last send left out, each with why (overridable: only the delivery check
   * stopped it); null when it left none out.
   */
  sendLeftOut: Array<{
    assetId: number;
    title: string;
    reason: string;
    overridable: boolean;
  }> | null;
  /** The delivery warnings of the assets the last send queued; null when there were none. */
  sendWarnings: Array<{ assetId: number; message: string }> | null;
  /**
   * Queues what can go of these assets under the active profile and lists the others with
   * their reasons; the outcome goes to the library.
   */
  sendToPlatform(assetIds: number[]): Promise<void>;
  /** Queues every analysed asset never sent ("Send all ready"). */
  sendAllReady(): Promise<void>;
  /**
   * Sends assets that fail the delivery check all the same, after the editor confirmed;
   * the engine records it in each one's history.
   */
  sendAnyway(assetIds: number[]): Promise<void>;
}

/** The editor-facing sentence of an enqueue refusal: every asset and why. */
function refusalText(error: unknown): string {
  if (!(error instanceof DailiesError) || error.code !== 'E_VALIDATION') return errorMessage(error);
  const assets = error.details?.['assets'];
  if (!Array.isArray(assets) || assets.length === 0) return error.message;
  const reasons = assets
    .map((entry: unknown) =>
      typeof entry === 'object' && entry !== null && 'reason' in entry
        ? String((entry as { reason: unknown }).reason)
        : null,
    )
    .filter((reason): reason is string => reason !== null);
  return `Nothing was sent: ${reasons.join('; ')}.`;
}

export const createSendSlice =
  (api: DailiesApi): Slice<SendSlice> =>
  (set, get) => {
    /** One send and its outcome in words: what went, what was there already, what did not. */
    const send = async (run: () => Promise<EnqueueResult>) => {
      const profile = get().profiles?.find((p) => p.active);
      try {
        const result = await run();
        const parts = [
          result.queued > 0
            ? `Queued ${plural(result.queued, 'asset')} for upload${profile ? ` to “${profile.name}”` : ''}.`
            : 'Nothing new to send.',
        ];
        if (result.alreadyQueued > 0) parts.push(`${result.alreadyQueued} already queued.`);
        if (result.alreadySynced > 0) parts.push(`${result.alreadySynced} already synced.`);
        const notSent = result.notSent ?? [];
        const warnings = result.warnings ?? [];
        if (warnings.length > 0) parts.push(`${plural(warnings.length, 'delivery warning')}.`);
        if (notSent.length > 0) parts.push(`${plural(notSent.length, 'asset')} not sent:`);
        const titles = new Map(get().assets.map((asset) => [asset.id, asset.title]));
        set({
          libraryNotice: { tone: notSent.length > 0 ? 'bad' : 'ok', text: parts.join(' ') },
          sendLeftOut:
            notSent.length > 0
              ? notSent.map(({ assetId, reason, overridable }) => ({
                  assetId,
                  title: titles.get(assetId) ?? `Asset ${assetId}`,
                  reason,
                  overridable: overridable ?? false,
                }))
              : null,
          sendWarnings: warnings.length > 0 ? warnings : null,
        });
      } catch (error) {
        set({
          libraryNotice: { tone: 'bad', text: refusalText(error) },
          sendLeftOut: null,
          sendWarnings: null,
        });
      }
    };

    return {
      sendLeftOut: null,
      sendWarnings: null,

      async sendToPlatform(assetIds) {
        if (assetIds.length === 0) return;
        await send(() => api.invoke('sync.enqueue', { assetIds, priority: 0, partial: true }));
      },

      async sendAllReady() {
        await send(() => api.invoke('sync.enqueueReady', { priority: 0 }));
      },

      async sendAnyway(assetIds) {
        if (assetIds.length === 0) return;
        await send(() =>
          api.invoke('sync.enqueue', {
            assetIds,
            priority: 0,
            partial: true,
            overrideDelivery: true,
          }),
        );
      },
    };
  };
