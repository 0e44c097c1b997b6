import { z } from 'zod';
import { dailiesError } from '../../shared/contract/errors';
import {
  contentCreateSchema,
  contentListQuerySchema,
  contentUpdateSchema,
  platformAssetIdSchema,
  platformContentIdSchema,
  platformContentSchema,
  platformVideoAssetSchema,
  videoAssetCreateSchema,
  type ContentCreate,
  type ContentListQuery,
  type ContentUpdate,
  type PlatformContent,
  type PlatformVideoAsset,
  type VideoAssetCreate,
} from './platform-schemas';
import type { CallOptions, PlatformTransport } from './platform-transport';
import { validateRequest } from './validate-request';

/** Contents and their video assets: public reads, the editor's creates, internal upserts. */
export interface PlatformContentCalls {
  listContents(query?: ContentListQuery, options?: CallOptions): Promise<PlatformContent[]>;
  getContent(contentId: number, options?: CallOptions): Promise<PlatformContent>;
  /** Not idempotent: the platform assigns a new id each time (see PLATFORM_API.md). */
  createContent(body: ContentCreate, options?: CallOptions): Promise<PlatformContent>;
  /** `[]` for an unknown content id. */
  listVideoAssets(contentId: number, options?: CallOptions): Promise<PlatformVideoAsset[]>;
  getVideoAsset(
    contentId: number,
    assetId: number,
    options?: CallOptions,
  ): Promise<PlatformVideoAsset>;
  /** Creates the content with this id or updates the fields sent (internal token). */
  upsertContent(
    contentId: number,
    body: ContentUpdate,
    options?: CallOptions,
  ): Promise<PlatformContent>;
  /** Creates or updates the asset keyed by content id and video_url (internal token). */
  registerVideoAsset(
    contentId: number,
    body: VideoAssetCreate,
    options?: CallOptions,
  ): Promise<PlatformVideoAsset>;
}

const idOf = (value: number, field: string) =>
  validateRequest(platformContentIdSchema, value, 'the request', field);

export function platformContentCalls(transport: PlatformTransport): PlatformContentCalls {
  const { call } = transport;
  return {
    async listContents(query = {}, o) {
      const valid = validateRequest(contentListQuerySchema, query, 'the content list request');
      const params: Record<string, string> = {};
      if (valid.skip !== undefined) params.skip = String(valid.skip);
      if (valid.limit !== undefined) params.limit = String(valid.limit);
      return call(
        {
          method: 'GET',
          path: '/v1/contents',
          query: params,
          auth: 'none',
          status: 200,
          schema: z.array(platformContentSchema),
          subject: 'content list',
        },
        o,
      );
    },

    async getContent(contentId, o) {
      const id = idOf(contentId, 'content_id');
      return call(
        {
          method: 'GET',
          path: `/v1/contents/${id}`,
          auth: 'none',
          status: 200,
          schema: platformContentSchema,
          subject: `content ${id}`,
        },
        o,
      );
    },

    async createContent(body, o) {
      const valid = validateRequest(contentCreateSchema, body, 'the new content');
      return call(
        {
          method: 'POST',
          path: '/v1/contents',
          auth: 'bearer',
          body: valid,
          status: 201,
          schema: platformContentSchema,
          subject: 'content',
        },
        o,
      );
    },

    async listVideoAssets(contentId, o) {
      const id = idOf(contentId, 'content_id');
      return call(
        {
          method: 'GET',
          path: `/v1/contents/${id}/video-assets`,
          auth: 'none',
          status: 200,
          schema: z.array(platformVideoAssetSchema),
          subject: `video assets of content ${id}`,
        },
        o,
      );
    },

    async getVideoAsset(contentId, assetId, o) {
      const id = idOf(contentId, 'content_id');
      const asset = validateRequest(platformAssetIdSchema, assetId, 'the request', 'asset_id');
      return call(
        {
          method: 'GET',
          path: `/v1/contents/${id}/video-assets/${asset}`,
          auth: 'none',
          status: 200,
          schema: platformVideoAssetSchema,
          subject: `video asset ${asset} of content ${id}`,
        },
        o,
      );
    },

    async upsertContent(contentId, body, o) {
      const id = idOf(contentId, 'content_id');
      const valid = validateRequest(contentUpdateSchema, body, `the metadata of content ${id}`);
      return call(
        {
          method: 'PUT',
          path: `/v1/contents/${id}/upsert-internal`,
          auth: 'internal-token',
          body: valid,
          status: 200,
          schema: platformContentSchema,
          subject: `content ${id}`,
        },
        o,
      );
    },

    async registerVideoAsset(contentId, body, o) {
      const id = idOf(contentId, 'content_id');
      const valid = validateRequest(
        videoAssetCreateSchema,
        body,
        `the video asset of content ${id}`,
      );
      if (valid.content_id !== id) {
        // The platform would answer 400 Content ID mismatch.
        throw dailiesError(
          'E_VALIDATION',
          `Dailies did not send the video asset: its content id ${valid.content_id} is not content ${id}.`,
          { details: { fields: [{ field: 'content_id', message: `content_id must be ${id}` }] } },
        );
      }
      return call(
        {
          method: 'POST',
          path: `/v1/contents/${id}/video-assets-internal`,
          auth: 'internal-token',
          body: valid,
          status: 201,
          schema: platformVideoAssetSchema,
          subject: `content ${id}`,
        },
        o,
      );
    },
  };
}
