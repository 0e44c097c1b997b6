import { defineEndpoint, type EndpointContext } from './endpoint';
import { videoAssetBody } from './platform-resources';
import { detail, json, type PlatformResponse } from './platform-response';
import { VideoAssetCreate, type ModelOf } from './request-models';

type VideoAssetInput = ModelOf<typeof VideoAssetCreate>;

/**
 * The checks both create endpoints share, in the recorded order: the content must exist (404)
 * before the body's content_id is compared with the path's (400).
 */
function precheck({
  path,
  body,
  services,
}: EndpointContext<VideoAssetInput>): PlatformResponse | undefined {
  const contentId = path.content_id ?? 0n;
  if (!services.database.findContent(contentId)) return detail(404, 'Content not found');
  if (body.content_id !== contentId) return detail(400, 'Content ID mismatch');
  return undefined;
}

export const videoAssetEndpoints = [
  defineEndpoint({
    method: 'GET',
    path: '/v1/contents/{content_id}/video-assets',
    handle: ({ path, services }) =>
      json(200, services.database.listVideoAssets(path.content_id ?? 0n).map(videoAssetBody)),
  }),

  // Recorded only as 403 without a token; assumed to add an asset every time (no upsert).
  defineEndpoint({
    method: 'POST',
    path: '/v1/contents/{content_id}/video-assets',
    security: 'bearer',
    body: VideoAssetCreate,
    handle: (context) => {
      const refused = precheck(context);
      if (refused) return refused;
      const { body, services } = context;
      return json(201, videoAssetBody(services.database.insertVideoAsset(body)));
    },
  }),

  defineEndpoint({
    method: 'GET',
    path: '/v1/contents/{content_id}/video-assets/{asset_id}',
    handle: ({ path, services }) => {
      const row = services.database.findVideoAsset(path.content_id ?? 0n, path.asset_id ?? 0n);
      return row ? json(200, videoAssetBody(row)) : detail(404, 'Video asset not found');
    },
  }),

  /** Keyed by content_id + video_url: a repeat updates the asset and keeps its id. */
  defineEndpoint({
    method: 'POST',
    path: '/v1/contents/{content_id}/video-assets-internal',
    security: 'internal-token',
    body: VideoAssetCreate,
    handle: (context) => {
      const refused = precheck(context);
      if (refused) return refused;
      const { body, services } = context;
      const existing = services.database.findVideoAssetByUrl(body.content_id, body.video_url);
      if (!existing) return json(201, videoAssetBody(services.database.insertVideoAsset(body)));
      const changes: Parameters<typeof services.database.updateVideoAsset>[1] = {};
      if (body.duration !== null) changes.duration = body.duration;
      if (body.thumbnail_url !== null) changes.thumbnail_url = body.thumbnail_url;
      if (body.resolution !== null) changes.resolution = body.resolution;
      return json(201, videoAssetBody(services.database.updateVideoAsset(existing, changes)));
    },
  }),
];
