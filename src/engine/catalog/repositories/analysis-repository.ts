import { and, eq, inArray, isNull, notExists } from 'drizzle-orm';
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
