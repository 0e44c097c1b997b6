import { z } from 'zod';
import { dailiesError } from '../../shared/contract/errors';
import {
  contentCreateSchema,
  contentListQuerySchema,
  contentUpdateSchema,
  healthSchema,
  loginRequestSchema,
  logoutResponseSchema,
  platformAssetIdSchema,
  platformContentIdSchema,
  platformContentSchema,
  platformUserSchema,
  platformVideoAssetSchema,
  tokenResponseSchema,
  videoAssetCreateSchema,
  type ContentCreate,
  type ContentListQuery,
  type ContentUpdate,
  type LoginRequest,
  type LogoutResponse,
  type PlatformContent,
  type PlatformHealth,
  type PlatformUser,
  type PlatformVideoAsset,
  type VideoAssetCreate,
} from './platform-schemas';
import {
  createPlatformTransport,
  type CallOptions,
  type PlatformTransportOptions,
} from './platform-transport';
import { validateRequest } from './validate-request';
import { checkInternalToken } from './check-internal-token';

export type PlatformClientOptions = PlatformTransportOptions;
export type { CallOptions };

/** A successful sign-in; `expiresAt` (ms since the epoch) is on the client's clock. */
export interface PlatformSignIn {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  expiresAt: number;
}

/**
 * The typed client of PLATFORM_API.md. Request bodies are checked against the platform's
 * constraints before anything is sent; answers are parsed with schemas; every failure is a
 * DailiesError (see platform-answer.ts for the mapping).
 */
export interface PlatformClient {
  readonly baseUrl: string;
  health(options?: CallOptions): Promise<PlatformHealth>;
  /** Ready means the platform's database answers too. */
  readiness(options?: CallOptions): Promise<PlatformHealth>;
  login(credentials: LoginRequest, options?: CallOptions): Promise<PlatformSignIn>;
  me(options?: CallOptions): Promise<PlatformUser>;
  /** The platform keeps no session: the caller forgets the token afterwards. */
  logout(options?: CallOptions): Promise<LogoutResponse>;
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
  /** Resolves when the platform accepts the internal token; reads and writes no data. */
  checkInternalToken(options?: CallOptions): Promise<void>;
}

const idOf = (value: number, field: string) =>
  validateRequest(platformContentIdSchema, value, 'the request', field);

export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const transport = createPlatformTransport(options);
  const { call } = transport;

  return {
    baseUrl: transport.baseUrl,

    health: (o) =>
      call(
        {
          method: 'GET',
          path: '/v1/health',
          auth: 'none',
          status: 200,
          schema: healthSchema,
          subject: 'health check',
        },
        o,
      ),

    readiness: (o) =>
      call(
        {
          method: 'GET',
          path: '/v1/health/ready',
          auth: 'none',
          status: 200,
          schema: healthSchema,
          subject: 'readiness check',
        },
        o,
      ),

    async login(credentials, o) {
      const body = validateRequest(loginRequestSchema, credentials, 'the sign-in');
      const token = await call(
        {
          method: 'POST',
          path: '/v1/auth/login',
          auth: 'password',
          body,
          secrets: [body.password],
          status: 200,
          schema: tokenResponseSchema,
          subject: 'sign-in',
        },
        o,
      );
      transport.registerSecret(token.access_token);
      return {
        accessToken: token.access_token,
        tokenType: token.token_type,
        expiresIn: token.expires_in,
        expiresAt: options.clock.now() + token.expires_in * 1000,
      };
    },

    me: (o) =>
      call(
        {
          method: 'GET',
          path: '/v1/users/me',
          auth: 'bearer',
          status: 200,
          schema: platformUserSchema,
          subject: 'account',
        },
        o,
      ),

    logout: (o) =>
      call(
        {
          method: 'POST',
          path: '/v1/auth/logout',
          auth: 'bearer',
          status: 200,
          schema: logoutResponseSchema,
          subject: 'session',
        },
        o,
      ),

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

    checkInternalToken: (o) => checkInternalToken(transport, o),
  };
}
