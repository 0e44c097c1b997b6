import { platformTimestamp } from './platform-timestamp';

/** A row of the platform's `contents` table, named as the API names it. */
export interface StoredContent {
  id: number;
  title: string;
  description: string | null;
  age_rating: string | null;
  like_count: number;
  created_at: string;
  updated_at: string;
}

/** A row of the platform's `video_assets` table. */
export interface StoredVideoAsset {
  id: number;
  content_id: number;
  video_url: string;
  thumbnail_url: string | null;
  duration: number | null;
  resolution: string | null;
  created_at: string;
}

export type ContentSeed = Pick<StoredContent, 'id'> & Partial<StoredContent>;
export type VideoAssetSeed = Pick<StoredVideoAsset, 'content_id' | 'video_url'> &
  Partial<StoredVideoAsset>;

/** Everything the store holds, as a data file keeps it (see `startPlatformStandIn`'s dataFile). */
export interface PlatformStoreSnapshot {
  contents: StoredContent[];
  videoAssets: StoredVideoAsset[];
  /** The ids the next allocations get. */
  nextContentId: number;
  nextVideoAssetId: number;
}

/**
 * What the stand-in's platform holds. Tests read it to see what a sync stored and seed it to
 * stage a remote state ("an editor on the web changed the title"); seeding bypasses the
 * platform's validation on purpose. Reads return copies, so a test cannot change state by
 * accident. `onChange` runs after every change (the stand-in saves its data file there).
 */
export class PlatformStore {
  private readonly contentRows = new Map<number, StoredContent>();
  private readonly assetRows = new Map<number, StoredVideoAsset>();
  /** The least id the next allocation gets: 1, or a restored snapshot's counter. */
  private contentIdFloor = 1;
  private videoAssetIdFloor = 1;

  constructor(
    private readonly now: () => Date,
    private readonly onChange: () => void = () => {},
  ) {}

  /** All contents, by id as the platform lists them. */
  contents(): StoredContent[] {
    return [...this.contentRows.values()].sort((a, b) => a.id - b.id).map((row) => ({ ...row }));
  }

  content(id: number): StoredContent | undefined {
    const row = this.contentRows.get(id);
    return row && { ...row };
  }

  /** All video assets, or those of one content, by id. */
  videoAssets(contentId?: number): StoredVideoAsset[] {
    return [...this.assetRows.values()]
      .filter((row) => contentId === undefined || row.content_id === contentId)
      .sort((a, b) => a.id - b.id)
      .map((row) => ({ ...row }));
  }

  videoAsset(id: number): StoredVideoAsset | undefined {
    const row = this.assetRows.get(id);
    return row && { ...row };
  }

  /** Inserts or replaces a content; missing fields get the platform's upsert defaults. */
  putContent(seed: ContentSeed): StoredContent {
    const stamp = platformTimestamp(this.now());
    const previous = this.contentRows.get(seed.id);
    const row: StoredContent = {
      title: `Content ${seed.id}`,
      description: '',
      age_rating: 'ALL',
      like_count: 0,
      created_at: stamp,
      updated_at: stamp,
      ...previous,
      ...seed,
    };
    this.contentRows.set(row.id, row);
    this.onChange();
    return { ...row };
  }

  /** Inserts or replaces a video asset; without an id it gets the next one. */
  putVideoAsset(seed: VideoAssetSeed): StoredVideoAsset {
    const id = seed.id ?? this.nextVideoAssetId();
    const previous = this.assetRows.get(id);
    const row: StoredVideoAsset = {
      thumbnail_url: null,
      duration: null,
      resolution: null,
      created_at: platformTimestamp(this.now()),
      ...previous,
      ...seed,
      id,
    };
    this.assetRows.set(id, row);
    this.onChange();
    return { ...row };
  }

  /** Removes a content and its video assets (as if deleted on the platform). */
  deleteContent(id: number): void {
    this.contentRows.delete(id);
    for (const asset of this.assetRows.values())
      if (asset.content_id === id) this.assetRows.delete(asset.id);
    this.onChange();
  }

  deleteVideoAsset(id: number): void {
    this.assetRows.delete(id);
    this.onChange();
  }

  /** Empties the platform, counters included. */
  clear(): void {
    this.contentRows.clear();
    this.assetRows.clear();
    this.contentIdFloor = 1;
    this.videoAssetIdFloor = 1;
    this.onChange();
  }

  /**
   * Like an autoincrement key: one past the largest id in use, and never below the counter a
   * restored snapshot carried, so a restarted platform goes on where it stopped.
   */
  nextContentId(): number {
    return Math.max(this.contentIdFloor, Math.max(0, ...this.contentRows.keys()) + 1);
  }

  nextVideoAssetId(): number {
    return Math.max(this.videoAssetIdFloor, Math.max(0, ...this.assetRows.keys()) + 1);
  }

  /** Copies of everything held, counters included. */
  snapshot(): PlatformStoreSnapshot {
    return {
      contents: this.contents(),
      videoAssets: this.videoAssets(),
      nextContentId: this.nextContentId(),
      nextVideoAssetId: this.nextVideoAssetId(),
    };
  }

  /** Replaces everything held with a snapshot's (loading a data file; not a change to save). */
  restore(snapshot: PlatformStoreSnapshot): void {
    this.contentRows.clear();
    this.assetRows.clear();
    for (const row of snapshot.contents) this.contentRows.set(row.id, { ...row });
    for (const row of snapshot.videoAssets) this.assetRows.set(row.id, { ...row });
    this.contentIdFloor = snapshot.nextContentId;
    this.videoAssetIdFloor = snapshot.nextVideoAssetId;
  }
}
