import { and, eq, inArray, isNull, ne, notExists, or } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { analysisResults, assets, jobs } from '../schema';

export type AnalysisRow = typeof analysisResults.$inferSelect;

/** SQL for analysis_results: the latest analysis of each asset's content. */
export class AnalysisRepository {
  constructor(private readonly db: CatalogDb) {}

  findByAssetId(assetId: number): AnalysisRow | undefined {
    return this.db.select().from(analysisResults).where(eq(analysisResults.assetId, assetId)).get();
  }

  /** For a page of assets: which have stills, and of which version. */
  findStills(assetIds: readonly number[]) {
    if (assetIds.length === 0) return [];
    return this.db
      .select({
        assetId: analysisResults.assetId,
        thumbnailPath: analysisResults.thumbnailPath,
        filmstripPath: analysisResults.filmstripPath,
        analysedAt: analysisResults.analysedAt,
      })
      .from(analysisResults)
      .where(inArray(analysisResults.assetId, [...assetIds]))
      .all();
  }

  /** Every stored result that has media info, for re-checking against new delivery rules. */
  findWithMediaInfo(): AnalysisRow[] {
    return this.db.select().from(analysisResults).all();
  }

  /** Live assets flagged for analysis with no unfinished analyse job (after a crash). */
  assetsAwaitingAnalysis(): number[] {
    return this.db
      .select({ id: assets.id })
      .from(assets)
      .where(
        and(
          eq(assets.needsAnalysis, true),
          isNull(assets.deletedAt),
          notExists(
            this.db
              .select({ id: jobs.id })
              .from(jobs)
              .where(
                and(
                  eq(jobs.assetId, assets.id),
                  eq(jobs.kind, 'analyse'),
                  inArray(jobs.state, ['queued', 'running', 'paused']),
                ),
              ),
          ),
        ),
      )
      .orderBy(assets.id)
      .all()
      .map((row) => row.id);
  }

  /**
   * Of these assets, the live ones whose content has no current analysis (flagged, never
   * analysed, or analysed as other content) and that no queued or paused analyse job will
   * analyse anyway: one query for a chunk of ids instead of four per asset. With
   * `evenIfCurrent` (the editor forces a new analysis), whether it has a current one or not.
   */
  needingAnalysis(
    assetIds: readonly number[],
    { evenIfCurrent = false }: { evenIfCurrent?: boolean } = {},
  ): Array<{ id: number; sha256: string }> {
    if (assetIds.length === 0) return [];
    return this.db
      .select({ id: assets.id, sha256: assets.sha256 })
      .from(assets)
      .leftJoin(analysisResults, eq(analysisResults.assetId, assets.id))
      .where(
        and(
          inArray(assets.id, [...assetIds]),
          isNull(assets.deletedAt),
          evenIfCurrent
            ? undefined
            : or(
                eq(assets.needsAnalysis, true),
                isNull(analysisResults.sha256),
                ne(analysisResults.sha256, assets.sha256),
              ),
          notExists(
            this.db
              .select({ id: jobs.id })
              .from(jobs)
              .where(
                and(
                  eq(jobs.assetId, assets.id),
                  eq(jobs.kind, 'analyse'),
                  inArray(jobs.state, ['queued', 'paused']),
                ),
              ),
          ),
        ),
      )
      .all();
  }

  upsert(row: AnalysisRow): void {
    const { assetId, ...rest } = row;
    this.db
      .insert(analysisResults)
      .values(row)
      .onConflictDoUpdate({ target: analysisResults.assetId, set: rest })
      .run();
    void assetId;
  }

  updateChecks(assetId: number, checksJson: string | null): void {
    this.db
      .update(analysisResults)
      .set({ checksJson })
      .where(eq(analysisResults.assetId, assetId))
      .run();
  }
}
