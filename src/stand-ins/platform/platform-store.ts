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

/**
 * What the stand-in's platform holds. Tests read it to see what a sync stored and seed it to
 * stage a remote state ("an editor on the web changed the title"); seeding bypasses the
 * platform's validation on purpose. Reads return copies, so a test cannot change state by
 * accident.
 */
export class PlatformStore {
  private readonly contentRows = new Map<number, StoredContent>();
  private readonly assetRows = new Map<number, StoredVideoAsset>();

  constructor(private readonly now: () => Date) {}

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
    return { ...row };
  }

  /** Removes a content and its video assets (as if deleted on the platform). */
  deleteContent(id: number): void {
    this.contentRows.delete(id);
    for (const asset of this.assetRows.values())
      if (asset.content_id === id) this.assetRows.delete(asset.id);
  }

  deleteVideoAsset(id: number): void {
    this.assetRows.delete(id);
  }

  clear(): void {
    this.contentRows.clear();
    this.assetRows.clear();
  }

  /** Like an autoincrement key: one past the largest id in use. */
  nextContentId(): number {
    return Math.max(0, ...this.contentRows.keys()) + 1;
  }

  nextVideoAssetId(): number {
    return Math.max(0, ...this.assetRows.keys()) + 1;
  }
}
