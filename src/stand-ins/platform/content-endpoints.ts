import { defineEndpoint } from './endpoint';
import { contentBody } from './platform-resources';
import { detail, json } from './platform-response';
import type { StoredContent } from './platform-store';
import { ContentCreate, ContentUpdate, type ModelOf } from './request-models';

type ContentChanges = ModelOf<typeof ContentUpdate>;

/** Only the fields sent with a value: the platform never writes a null over a value. */
function nonNull(changes: ContentChanges): Partial<Pick<StoredContent, keyof ContentChanges>> {
  const result: Partial<Pick<StoredContent, keyof ContentChanges>> = {};
  if (changes.title !== null) result.title = changes.title;
  if (changes.description !== null) result.description = changes.description;
  if (changes.age_rating !== null) result.age_rating = changes.age_rating;
  return result;
}

export const contentEndpoints = [
  defineEndpoint({
    method: 'GET',
    path: '/v1/contents',
    query: [
      // The recording shows limit's bounds; skip's are not recorded: a negative one reaches the
      // database, which refuses it (500), as PostgreSQL does.
      { name: 'skip', default: 0n },
      { name: 'limit', default: 100n, ge: 1, le: 1000 },
    ],
    handle: ({ query, services }) =>
      json(
        200,
        services.database
          .listContents(query.skip ?? 0n, Number(query.limit ?? 100n))
          .map(contentBody),
      ),
  }),

  defineEndpoint({
    method: 'POST',
    path: '/v1/contents',
    security: 'bearer',
    body: ContentCreate,
    // Not recorded beyond its 403: fields left out are stored as null, the platform's model
    // defaults (the upsert's "" and ALL are that endpoint's own).
    handle: ({ body, services }) =>
      json(
        201,
        contentBody(
          services.database.insertContent({
            title: body.title,
            description: body.description,
            age_rating: body.age_rating,
          }),
        ),
      ),
  }),

  defineEndpoint({
    method: 'GET',
    path: '/v1/contents/{content_id}',
    handle: ({ path, services }) => {
      const row = services.database.findContent(path.content_id ?? 0n);
      return row ? json(200, contentBody(row)) : detail(404, 'Content not found');
    },
  }),

  // Recorded only as 403 without a token and 500 while the identity server was down; the
  // rest follows the upsert's update rules.
  defineEndpoint({
    method: 'PUT',
    path: '/v1/contents/{content_id}',
    security: 'bearer',
    body: ContentUpdate,
    handle: ({ path, body, services }) => {
      const row = services.database.findContent(path.content_id ?? 0n);
      if (!row) return detail(404, 'Content not found');
      return json(200, contentBody(services.database.updateContent(row, nonNull(body))));
    },
  }),

  defineEndpoint({
    method: 'PUT',
    path: '/v1/contents/{content_id}/upsert-internal',
    security: 'internal-token',
    body: ContentUpdate,
    handle: ({ path, body, services }) => {
      const id = path.content_id ?? 0n;
      const row = services.database.findContent(id);
      if (row) return json(200, contentBody(services.database.updateContent(row, nonNull(body))));
      const created = services.database.insertContent({
        id,
        title: body.title ?? `Content ${id}`,
        description: body.description ?? '',
        age_rating: body.age_rating ?? 'ALL',
      });
      return json(200, contentBody(created));
    },
  }),
];
