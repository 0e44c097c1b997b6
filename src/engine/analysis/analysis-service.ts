import { parseStoredJson } from '../catalog/parse-stored-json';
import {
  dailiesError,
  errorCodeSchema,
  type AnalyseJobSpec,
  type ErrorCode,
  type AssetAnalysis,
  type ErrorValue,
} from '../../shared/contract';
import {
  mediaInfoSchema,
  type DeliveryReport,
  type DeliveryRuleSet,
  type MediaInfo,
} from '../../shared/contract/media';
import type { AnalysisRepository, AnalysisRow } from '../catalog/repositories/analysis-repository';
import type { AssetRepository } from '../catalog/repositories/asset-repository';
import type { Transact } from '../catalog/transact';
import { formatCount, type BulkRuns } from '../events/bulk-runs';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import { checkDelivery, checkDeliveryOfFailed, needsLoudness } from '../media/delivery-check';
import { ChunkBudget, forEachChunk } from '../time/chunks';
import { parseExtras } from './analysis-extras';
import type { RunningAnalysesReader } from './running-analyses';

export interface AnalysisServiceDeps {
  assets: AssetRepository;
  results: AnalysisRepository;
  queue: Pick<JobQueue, 'enqueueMany'>;
  /** The analyses running now (the analyse runner keeps it). */
  running: RunningAnalysesReader;
  /** The rule set the library's verdicts are judged against (the active profile's). */
  rules: () => DeliveryRuleSet | null;
  transact: Transact;
  /** Queueing a large selection reports how far it is (bulk.progress) and can be stopped. */
  bulkRuns: BulkRuns;
  logger: Logger;
}

/** Assets looked at and queued in the first step; the event loop runs between steps. */
const QUEUE_CHUNK = 500;
/** How long each later step holds the event loop, about (jobs queued and announced). */
const QUEUE_STEP_MS = 20;

/** Priority of what the editor asks for over what ingest queued. */
const EDITOR_PRIORITY = 10;

/**
 * Decides what gets analysed: new and changed content automatically (after ingest, and at
 * start for anything a crash left unqueued), anything on the editor's request. Reads the
 * stored analysis for the contract.
 */
export class AnalysisService {
  constructor(private readonly deps: AnalysisServiceDeps) {}

  /**
   * After an ingest: queue the assets whose content is new or changed. Set-based, a chunk of
   * assets per query and per insert, yielding between chunks, so queueing 10,000 assets
   * leaves the engine answering; each job is still announced (job.changed) as it is queued.
   */
  async queueIfNeeded(
    assetIds: readonly number[],
    reason: AnalyseJobSpec['reason'] = 'ingest',
  ): Promise<number[]> {
    const ids: number[] = [];
    const budget = new ChunkBudget({ first: QUEUE_CHUNK / 4, budgetMs: QUEUE_STEP_MS });
    await forEachChunk([...new Set(assetIds)], budget, (chunk) => {
      const due = inOrderOf(chunk, this.deps.results.needingAnalysis(chunk))
        // Running on this very content (a new location of it, say): that run covers it.
        .filter((asset) => !this.deps.running.covers(asset.id, asset.sha256));
      const queued = this.deps.queue.enqueueMany(
        due.map((asset) => ({ kind: 'analyse', assetId: asset.id, reason })),
      );
      ids.push(...queued.map((job) => job.id));
    });
    return ids;
  }

  /** At engine start: assets flagged for analysis that no job will analyse. */
  async queueAwaiting(): Promise<number> {
    return (await this.queueIfNeeded(this.deps.results.assetsAwaitingAnalysis(), 'catalog')).length;
  }

  /**
   * The editor asks: the assets given whose content changed or was never analysed (with
   * force, every one), unless in the trash or a waiting job will analyse them anyway. Every
   * id is checked first, so an unknown one fails the call before anything is queued; then a
   * chunk is looked at and queued per step (as queueIfNeeded), reporting bulk.progress for
   * a large selection. Stopped (bulk.cancel), what was queued stays queued and the call
   * fails with E_CANCELLED saying how far it got.
   */
  async start(assetIds: readonly number[], force: boolean) {
    const unique = [...new Set(assetIds)];
    const run = this.deps.bulkRuns.start('analysis.queue');
    const jobIds: number[] = [];
    let looked = 0;
    try {
      await forEachChunk(
        unique,
        QUEUE_CHUNK,
        (chunk) => {
          const known = new Set(this.deps.assets.existingIds(chunk));
          const missing = chunk.find((id) => !known.has(id));
          if (missing !== undefined)
            throw dailiesError('E_NOT_FOUND', `There is no asset ${missing}.`, {
              details: { id: missing },
            });
        },
        run.signal,
      );
      const budget = new ChunkBudget(
        run.steps({ first: QUEUE_CHUNK / 4, budgetMs: QUEUE_STEP_MS }),
      );
      await forEachChunk(
        unique,
        budget,
        (chunk, offset) => {
          const due = inOrderOf(
            chunk,
            this.deps.results.needingAnalysis(chunk, { evenIfCurrent: force }),
          );
          const queued = this.deps.queue.enqueueMany(
            due.map((asset) => ({
              kind: 'analyse',
              assetId: asset.id,
              reason: force ? 'editor' : 'changed',
            })),
            EDITOR_PRIORITY,
          );
          jobIds.push(...queued.map((job) => job.id));
          looked = offset + chunk.length;
          if (chunk.length < unique.length) run.step(looked, unique.length);
        },
        run.signal,
      );
    } catch (error) {
      if (!run.isStop(error)) throw error;
      throw run.stopped(
        `Stopped: ${formatCount(looked)} of ${formatCount(unique.length)} assets looked at, ${formatCount(jobIds.length)} of them queued for analysis; the others were left as they were.`,
        looked,
        unique.length,
      );
    } finally {
      run.end();
    }
    return { queued: jobIds.length, jobIds };
  }

  get(assetId: number): AssetAnalysis | null {
    const asset = this.deps.assets.findById(assetId);
    if (!asset)
      throw dailiesError('E_NOT_FOUND', `There is no asset ${assetId}.`, {
        details: { id: assetId },
      });
    const row = this.deps.results.findByAssetId(assetId);
    if (!row) return null;
    const extras = parseExtras(row.checksJson);
    return {
      assetId,
      sha256: row.sha256,
      current: row.sha256 === asset.sha256 && !asset.needsAnalysis,
      analysedAt: row.analysedAt,
      outcome: row.errorCode === null ? 'analysed' : 'failed',
      mediaInfo: parseMediaInfo(row),
      thumbnail: extras?.thumbnail ?? null,
      filmstrip: extras?.filmstrip ?? null,
      warnings: extras?.warnings ?? [],
      error: errorOf(row),
      delivery: extras?.delivery ?? null,
      loudnessLufs: extras?.loudness?.integratedLufs ?? null,
    };
  }

  /**
   * The rules in force changed (a set was edited, or the active profile names another one):
   * judge every stored analysis again (no decoding needed). Nothing is done when the rules
   * are the ones the stored reports were judged against.
   */
  recheckDelivery(): number {
    const rules = this.deps.rules();
    const key = JSON.stringify(rules);
    if (key === this.#checkedAgainst) return 0;
    this.#checkedAgainst = key;
    let count = 0;
    this.deps.transact(() => {
      for (const row of this.deps.results.findWithMediaInfo()) {
        const extras = parseExtras(row.checksJson);
        if (!extras) continue;
        const delivery = judge(row, rules);
        this.deps.results.updateChecks(row.assetId, JSON.stringify({ ...extras, delivery }));
        count += 1;
      }
    });
    this.deps.logger.info('delivery re-checked', { count });
    return count;
  }

  /** What the rules were at the last re-check; unknown at start, so the first one runs. */
  #checkedAgainst: string | undefined;

  /**
   * An asset's analysis judged against a given rule set (a profile's, at send time): the
   * early verdict of a run analysing its content now, else the stored one; null when it has
   * no usable analysis or there are no rules.
   */
  deliveryFor(assetId: number, rules: DeliveryRuleSet | null): DeliveryReport | null {
    // Rules with a loudness window are judged on the finished analysis only (measured last).
    // The asset is read only while a run analyses it: a whole selection's gate stays cheap.
    if (this.deps.running.isRunning(assetId) && !(rules && needsLoudness(rules))) {
      const asset = this.deps.assets.findById(assetId);
      const early = asset ? this.deps.running.verdictOf(assetId, asset.sha256) : null;
      if (early) return rules ? checkDelivery(early.mediaInfo, rules) : null;
    }
    const row = this.deps.results.findByAssetId(assetId);
    return row ? judge(row, rules) : null;
  }
}

/**
 * A stored analysis judged again. A file whose analysis failed (cut short, unreadable) never
 * reads as meeting the rules: only a failing verdict is kept for it (checkDeliveryOfFailed).
 */
function judge(row: AnalysisRow, rules: DeliveryRuleSet | null): DeliveryReport | null {
  const info = parseMediaInfo(row);
  if (!rules || !info) return null;
  if (row.errorCode !== null) return checkDeliveryOfFailed(info, rules);
  const extras = parseExtras(row.checksJson);
  return checkDelivery(info, rules, extras?.loudnessMeasured ? extras.loudness : undefined);
}

/** The assets found for a chunk of ids, in the chunk's order (SQL promises none). */
function inOrderOf<T extends { id: number }>(chunk: readonly number[], found: T[]): T[] {
  const order = new Map(chunk.map((id, index) => [id, index]));
  return found.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

function parseMediaInfo(row: AnalysisRow): MediaInfo | null {
  return parseStoredJson(row.mediaInfoJson, mediaInfoSchema);
}

function errorOf(row: AnalysisRow): ErrorValue | null {
  if (row.errorCode === null) return null;
  const parsed = errorValueSchemaCode(row.errorCode);
  return parsed ? { code: parsed, message: row.errorMessage ?? '', retryable: false } : null;
}

function errorValueSchemaCode(code: string): ErrorCode | null {
  const parsed = errorCodeSchema.safeParse(code);
  return parsed.success ? parsed.data : null;
}
