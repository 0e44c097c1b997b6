import type { StoredContent, StoredVideoAsset } from './platform-store';
import { pyDict, pyFloatOrNull, type PyDict } from './python-value';

/** Content as the platform writes it, keys in its order. */
export function contentBody(row: StoredContent): PyDict {
  return pyDict({
    title: row.title,
    description: row.description,
    age_rating: row.age_rating,
    id: row.id,
    like_count: row.like_count,
    created_at: row.created_at,
    updated_at: row.updated_at,
  });
}

/** VideoAsset as the platform writes it; duration is a float column (`99.0`). */
export function videoAssetBody(row: StoredVideoAsset): PyDict {
  return pyDict({
    content_id: row.content_id,
    video_url: row.video_url,
    thumbnail_url: row.thumbnail_url,
    duration: pyFloatOrNull(row.duration),
    resolution: row.resolution,
    id: row.id,
    created_at: row.created_at,
  });
}
