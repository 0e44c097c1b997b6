import { platformTimestamp } from './platform-timestamp';
import type { PlatformStore, StoredContent, StoredVideoAsset } from './platform-store';

/**
 * A failure inside the platform's database layer. The platform does not handle these, so the
 * client sees a 500 with the plain-text body `Internal Server Error`.
 */
export class DatabaseError extends Error {}

/** The database cannot be reached (tests switch this on to stage an outage). */
export class DatabaseUnavailableError extends DatabaseError {}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MAX = 2n ** 63n - 1n;
/** The age_rating column's width; see `enforceAgeRatingColumn`. */
const AGE_RATING_COLUMN = 10;

export interface PlatformDatabaseOptions {
  now: () => Date;
  /**
   * The platform's age_rating column holds 10 characters, yet the recorded backend stored a
   * 22-character value without complaint (examples: upsert-long-age-rating). Off by default to
   * match the recording; on, a longer value fails like a production database would (500).
   */
  enforceAgeRatingColumn: boolean;
}

/**
 * The rules the platform's SQL database adds on top of the API's validation: ids are 32-bit
 * INTEGER columns (a larger id is a 500, as PLATFORM_API.md warns), the database may be down,
 * and `updated_at` only moves when a row really changes (an UPDATE that sets nothing new is
 * not issued). Endpoint code goes through here; tests read and seed the store directly.
 */
export class PlatformDatabase {
  private down = false;

  constructor(
    private readonly store: PlatformStore,
    private readonly options: PlatformDatabaseOptions,
  ) {}

  setDown(down: boolean): void {
    this.down = down;
  }

  isDown(): boolean {
    return this.down;
  }

  findContent(id: bigint): StoredContent | undefined {
    return this.store.content(this.connectWithId(id));
  }

  listContents(skip: bigint, limit: number): StoredContent[] {
    this.connect();
    if (skip < 0n) throw new DatabaseError('OFFSET must not be negative');
    if (skip > INT64_MAX) throw new DatabaseError('bigint out of range');
    return this.store.contents().slice(Number(skip), Number(skip) + limit);
  }

  insertContent(
    fields: Pick<StoredContent, 'title' | 'description' | 'age_rating'> & { id?: bigint },
  ): StoredContent {
    const id =
      fields.id === undefined ? this.connectAndAllocateId() : this.connectWithId(fields.id);
    this.checkColumns(fields.age_rating);
    const stamp = this.stamp();
    return this.store.putContent({
      id,
      title: fields.title,
      description: fields.description,
      age_rating: fields.age_rating,
      like_count: 0,
      created_at: stamp,
      updated_at: stamp,
    });
  }

  updateContent(
    existing: StoredContent,
    changes: Partial<Pick<StoredContent, 'title' | 'description' | 'age_rating'>>,
  ): StoredContent {
    this.connect();
    this.checkColumns(changes.age_rating ?? null);
    const changed = (Object.keys(changes) as (keyof typeof changes)[]).some(
      (key) => changes[key] !== existing[key],
    );
    if (!changed) return existing;
    return this.store.putContent({ ...existing, ...changes, updated_at: this.stamp() });
  }

  listVideoAssets(contentId: bigint): StoredVideoAsset[] {
    return this.store.videoAssets(this.connectWithId(contentId));
  }

  findVideoAsset(contentId: bigint, assetId: bigint): StoredVideoAsset | undefined {
    const content = this.connectWithId(contentId);
    const asset = this.store.videoAsset(this.connectWithId(assetId));
    return asset?.content_id === content ? asset : undefined;
  }

  findVideoAssetByUrl(contentId: bigint, videoUrl: string): StoredVideoAsset | undefined {
    const content = this.connectWithId(contentId);
    return this.store.videoAssets(content).find((asset) => asset.video_url === videoUrl);
  }

  insertVideoAsset(
    fields: Omit<StoredVideoAsset, 'id' | 'created_at' | 'content_id'> & {
      content_id: bigint;
    },
  ): StoredVideoAsset {
    const contentId = this.connectWithId(fields.content_id);
    return this.store.putVideoAsset({ ...fields, content_id: contentId, created_at: this.stamp() });
  }

  updateVideoAsset(
    existing: StoredVideoAsset,
    changes: Partial<Pick<StoredVideoAsset, 'thumbnail_url' | 'duration' | 'resolution'>>,
  ): StoredVideoAsset {
    this.connect();
    return this.store.putVideoAsset({ ...existing, ...changes });
  }

  private connect(): void {
    if (this.down) throw new DatabaseUnavailableError('could not connect to the database');
  }

  private connectWithId(id: bigint): number {
    this.connect();
    if (id < INT32_MIN || id > INT32_MAX) throw new DatabaseError('integer out of range');
    return Number(id);
  }

  private connectAndAllocateId(): number {
    this.connect();
    return this.store.nextContentId();
  }

  private checkColumns(ageRating: string | null): void {
    if (
      this.options.enforceAgeRatingColumn &&
      ageRating !== null &&
      [...ageRating].length > AGE_RATING_COLUMN
    )
      throw new DatabaseError('value too long for type character varying(10)');
  }

  private stamp(): string {
    return platformTimestamp(this.options.now());
  }
}
