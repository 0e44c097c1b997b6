import { and, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { assets, syncState } from '../schema';

export type AssetRow = typeof assets.$inferSelect;
export type NewAssetRow = typeof assets.$inferInsert;
export type AssetFieldUpdate = Partial<Omit<AssetRow, 'id' | 'revision'>>;

/** SQL for the assets table. Rules (defaults, validation, dirty marking) live in services. */
export class AssetRepository {
  readonly #insert;
  readonly #findById;
  readonly #findBySha256;
  readonly #setStatus;
  readonly #updateMediaSummary;

  constructor(private readonly db: CatalogDb) {
    this.#findById = db
      .select()
      .from(assets)
      .where(eq(assets.id, sql.placeholder('id')))
      .prepare();
    this.#findBySha256 = db
      .select()
      .from(assets)
      .where(eq(assets.sha256, sql.placeholder('sha256')))
      .prepare();
    // Prepared once: ingest and bulk imports insert many rows through this statement.
    this.#insert = db
      .insert(assets)
      .values({
        sha256: sql.placeholder('sha256'),
        sizeBytes: sql.placeholder('sizeBytes'),
        fileName: sql.placeholder('fileName'),
        extension: sql.placeholder('extension'),
        title: sql.placeholder('title'),
        description: sql.placeholder('description'),
        ageRating: sql.placeholder('ageRating'),
        contentId: sql.placeholder('contentId'),
        slug: sql.placeholder('slug'),
        tagsJson: sql.placeholder('tagsJson'),
        notes: sql.placeholder('notes'),
        status: sql.placeholder('status'),
        needsAnalysis: sql.placeholder('needsAnalysis'),
        addedAt: sql.placeholder('addedAt'),
        updatedAt: sql.placeholder('updatedAt'),
      })
      .returning({ id: assets.id })
      .prepare();
    // Prepared once: every analysis runs both, and every send the first.
    this.#setStatus = db
      .update(assets)
      .set({ status: sql`${sql.placeholder('status')}`, updatedAt: sql`${sql.placeholder('at')}` })
      .where(eq(assets.id, sql.placeholder('id')))
      .prepare();
    this.#updateMediaSummary = db
      .update(assets)
      .set({
        codec: sql`${sql.placeholder('codec')}`,
        width: sql`${sql.placeholder('width')}`,
        height: sql`${sql.placeholder('height')}`,
        resolutionClass: sql`${sql.placeholder('resolutionClass')}`,
        durationSeconds: sql`${sql.placeholder('durationSeconds')}`,
        status: sql`${sql.placeholder('status')}`,
        needsAnalysis: false,
        updatedAt: sql`${sql.placeholder('at')}`,
      })
      .where(eq(assets.id, sql.placeholder('id')))
      .prepare();
  }

  findById(id: number): AssetRow | undefined {
    return this.#findById.get({ id });
  }

  findByIds(ids: readonly number[]): AssetRow[] {
    if (ids.length === 0) return [];
    return this.db
      .select()
      .from(assets)
      .where(inArray(assets.id, [...ids]))
      .all();
  }

  /** Ids of the assets in the library (not the trash) with one of these statuses, oldest first. */
  idsWithStatus(statuses: readonly AssetRow['status'][]): number[] {
    if (statuses.length === 0) return [];
    return this.db
      .select({ id: assets.id })
      .from(assets)
      .where(and(inArray(assets.status, [...statuses]), isNull(assets.deletedAt)))
      .orderBy(assets.id)
      .all()
      .map((row) => row.id);
  }

  findBySha256(sha256: string): AssetRow | undefined {
    return this.#findBySha256.get({ sha256 });
  }

  /** Inserts one asset and returns its id. */
  insert(row: NewAssetInput): number {
    const inserted = this.#insert.get({
      ...row,
      needsAnalysis: row.needsAnalysis ? 1 : 0,
    });
    if (!inserted) throw new Error('asset insert returned no row');
    return inserted.id;
  }

  /** Sets some columns and bumps the revision. */
  update(id: number, fields: AssetFieldUpdate): void {
    this.db
      .update(assets)
      .set({ ...fields, revision: sql`${assets.revision} + 1` })
      .where(eq(assets.id, id))
      .run();
  }

  /**
   * The analysis' summary, for the library's filters and sorts (written by media analysis).
   * The revision stays: it guards the editor's metadata against concurrent edits, and an
   * analysis finishing in the background is not one.
   */
  updateMediaSummary(
    id: number,
    summary: Pick<
      AssetRow,
      'codec' | 'width' | 'height' | 'resolutionClass' | 'durationSeconds' | 'status'
    >,
    at: string,
  ): void {
    this.#updateMediaSummary.run({ ...summary, id, at });
  }

  /** The pipeline's status (analysing, ready...); like the media summary, not an edit. */
  setStatus(id: number, status: AssetRow['status'], at: string): void {
    this.#setStatus.run({ id, status, at });
  }

  /** The sync pipeline's outcome: when it synced and the status it leaves. Not an edit. */
  recordSync(id: number, fields: { syncedAt: string; status: AssetRow['status'] }, at: string) {
    this.db
      .update(assets)
      .set({ ...fields, updatedAt: at })
      .where(eq(assets.id, id))
      .run();
  }

  /** The file changed under the pipeline: its media info no longer describes it. */
  flagForAnalysis(id: number, at: string): void {
    this.db
      .update(assets)
      .set({ needsAnalysis: true, status: 'new', updatedAt: at })
      .where(eq(assets.id, id))
      .run();
  }

  /**
   * Whether another asset (trashed ones too) already carries this content id on the given
   * profile's platform: one whose sync names this profile, or no profile yet (it may go
   * anywhere). One whose sync went through another profile got its id there (a content
   * created on another platform) or was named after it and tried there first: the second
   * case is not told apart, so such a file sent later through this profile is not guarded.
   */
  contentIdInUse(contentId: number, exceptAssetId: number, profileId: string): boolean {
    return (
      this.db
        .select({ id: assets.id })
        .from(assets)
        .leftJoin(syncState, eq(syncState.assetId, assets.id))
        .where(
          and(
            eq(assets.contentId, contentId),
            ne(assets.id, exceptAssetId),
            or(isNull(syncState.profileId), eq(syncState.profileId, profileId)),
          ),
        )
        .get() !== undefined
    );
  }

  softDelete(ids: readonly number[], at: string): number[] {
    return this.db
      .update(assets)
      .set({ deletedAt: at, updatedAt: at, revision: sql`${assets.revision} + 1` })
      .where(and(inArray(assets.id, [...ids]), isNull(assets.deletedAt)))
      .returning({ id: assets.id })
      .all()
      .map((row) => row.id);
  }

  restore(ids: readonly number[], at: string): number[] {
    return this.db
      .update(assets)
      .set({ deletedAt: null, updatedAt: at, revision: sql`${assets.revision} + 1` })
      .where(and(inArray(assets.id, [...ids]), isNotNull(assets.deletedAt)))
      .returning({ id: assets.id })
      .all()
      .map((row) => row.id);
  }

  /** Of these ids, the assets the catalog holds (in the library or the trash). */
  existingIds(ids: readonly number[]): number[] {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: assets.id })
      .from(assets)
      .where(inArray(assets.id, [...ids]))
      .all()
      .map((row) => row.id);
  }

  /** Every asset in the trash, by id. */
  trashedIds(): number[] {
    return this.db
      .select({ id: assets.id })
      .from(assets)
      .where(isNotNull(assets.deletedAt))
      .orderBy(assets.id)
      .all()
      .map((row) => row.id);
  }

  /**
   * Deletes those of these assets still in the trash; locations, history, analysis and jobs
   * go with them (cascade).
   */
  deleteTrashed(ids: readonly number[]): number[] {
    if (ids.length === 0) return [];
    return this.db
      .delete(assets)
      .where(and(inArray(assets.id, [...ids]), isNotNull(assets.deletedAt)))
      .returning({ id: assets.id })
      .all()
      .map((row) => row.id);
  }
}

/** What ingest provides for a new asset; everything else takes the column default. */
export interface NewAssetInput {
  sha256: string;
  sizeBytes: number;
  fileName: string;
  extension: string;
  title: string;
  description: string;
  ageRating: AssetRow['ageRating'];
  contentId: number | null;
  slug: string;
  tagsJson: string;
  notes: string;
  status: AssetRow['status'];
  needsAnalysis: boolean;
  addedAt: string;
  updatedAt: string;
}
