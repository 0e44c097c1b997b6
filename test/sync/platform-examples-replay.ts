import type { ErrorCode } from '../../src/shared/contract/errors';
import type { PlatformClient } from '../../src/engine/platform/platform-client';

/**
 * How the platform client stands to each recorded example of
 * test/fixtures/platform-examples/platform-examples.json:
 * - `sends`: the client expresses it; its request must equal the recorded one.
 * - `refuses`: the client refuses it before sending (with `refusal`), on purpose.
 * - `outside`: the client has no way to say it (malformed JSON, a wrong method, an endpoint
 *   Dailies does not use); `why` says so.
 * In every case `recorded` is what the client makes of the recorded answer: `ok` (a typed
 * value equal to the recorded body) or an error code.
 */
export type Outcome = 'ok' | ErrorCode;

export interface Recorded {
  name: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: string };
  response: { status: number; body: unknown };
}

/** The clients a replay can pick from, by the token they carry. */
export interface ReplayClients {
  dev: PlatformClient;
  wrongToken: PlatformClient;
  noToken: PlatformClient;
  emptyToken: PlatformClient;
}

type Call = (clients: ReplayClients, example: Recorded) => Promise<unknown>;

export type Disposition =
  | { kind: 'sends'; call: Call; recorded: Outcome }
  | { kind: 'refuses'; call: Call; refusal: ErrorCode; recorded: Outcome }
  | { kind: 'outside'; why: string; recorded: Outcome };

const pathId = (example: Recorded, index = 0): number =>
  Number(
    /\/contents\/([^/?]+)(?:\/video-assets\/([^/?]+))?/.exec(example.request.path)?.[index + 1],
  );
const bodyOf = (example: Recorded): never => JSON.parse(example.request.body ?? 'null') as never;

const health: Call = ({ dev }) => dev.health();
const ready: Call = ({ dev }) => dev.readiness();
const upsert =
  (token: keyof ReplayClients): Call =>
  (clients, example) =>
    clients[token].upsertContent(pathId(example), bodyOf(example));
const register =
  (token: keyof ReplayClients): Call =>
  (clients, example) =>
    clients[token].registerVideoAsset(pathId(example), bodyOf(example));
const getContent: Call = ({ dev }, example) => dev.getContent(pathId(example));
const listAssets: Call = ({ dev }, example) => dev.listVideoAssets(pathId(example));
const getAsset: Call = ({ dev }, example) => dev.getVideoAsset(pathId(example), pathId(example, 1));
const listContents: Call = ({ dev }, example) => {
  const query = new URL(example.request.path, 'http://x').searchParams;
  return dev.listContents({
    ...(query.has('skip') ? { skip: Number(query.get('skip')) } : {}),
    ...(query.has('limit') ? { limit: Number(query.get('limit')) } : {}),
  });
};

const sends = (call: Call, recorded: Outcome = 'ok'): Disposition => ({
  kind: 'sends',
  call,
  recorded,
});
const refuses = (call: Call, refusal: ErrorCode, recorded: Outcome): Disposition => ({
  kind: 'refuses',
  call,
  refusal,
  recorded,
});
const outside = (why: string, recorded: Outcome): Disposition => ({
  kind: 'outside',
  why,
  recorded,
});

const MALFORMED = 'the client only sends JSON it serialised itself';

export const dispositions: Record<string, Disposition> = {
  health: sends(health),
  'health-ready': sends(ready),
  'upsert-create': sends(upsert('dev')),
  'upsert-update': sends(upsert('dev')),
  'upsert-partial-update': sends(upsert('dev')),
  'upsert-null-fields': sends(upsert('dev')),
  'upsert-create-empty-body': sends(upsert('dev')),
  'upsert-wrong-token': sends(upsert('wrongToken'), 'E_PLATFORM_AUTH'),
  'upsert-no-token': refuses(upsert('noToken'), 'E_PLATFORM_AUTH', 'E_VALIDATION'),
  'upsert-empty-token': refuses(upsert('emptyToken'), 'E_PLATFORM_AUTH', 'E_PLATFORM_AUTH'),
  'upsert-lowercase-header-name': sends(upsert('dev')),
  'upsert-title-empty': refuses(upsert('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'upsert-title-256': refuses(upsert('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'upsert-title-255': sends(upsert('dev')),
  'upsert-title-whitespace': sends(upsert('dev')),
  'upsert-title-number': refuses(upsert('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'upsert-id-nonint': refuses(upsert('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'upsert-id-float': refuses(upsert('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'upsert-malformed-json': outside(MALFORMED, 'E_VALIDATION'),
  'upsert-malformed-json-wrong-token': outside(MALFORMED, 'E_VALIDATION'),
  'upsert-no-token-and-bad-title': refuses(upsert('noToken'), 'E_VALIDATION', 'E_VALIDATION'),
  'upsert-wrong-token-and-bad-title': refuses(
    upsert('wrongToken'),
    'E_VALIDATION',
    'E_PLATFORM_AUTH',
  ),
  'upsert-no-body': outside('the client always sends a JSON body to upsert', 'E_VALIDATION'),
  'upsert-json-array': outside('a body is always an object of the schema', 'E_VALIDATION'),
  'upsert-no-content-type': outside('a body always goes with its content type', 'E_VALIDATION'),
  // Stricter than the platform on purpose: an unknown field is a bug on our side.
  'upsert-unknown-field': refuses(upsert('dev'), 'E_VALIDATION', 'ok'),
  // Stricter on purpose: only the ingest ratings; production's column holds 10 characters.
  'upsert-long-age-rating': refuses(upsert('dev'), 'E_VALIDATION', 'ok'),
  'upsert-wrong-method-post': outside("the client only uses each endpoint's method", 'E_INTERNAL'),
  'va-create': sends(register('dev')),
  'va-repeat-same': sends(register('dev')),
  'va-update-same-url': sends(register('dev')),
  'va-update-nulls-keep': sends(register('dev')),
  'va-create-second-url': sends(register('dev')),
  'va-content-id-mismatch': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'va-missing-content': sends(register('dev'), 'E_NOT_FOUND'),
  'va-missing-content-and-mismatch': refuses(register('dev'), 'E_VALIDATION', 'E_NOT_FOUND'),
  'va-negative-duration': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'va-video-url-501': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'va-video-url-500': sends(register('dev')),
  'va-thumbnail-url-501': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'va-resolution-21': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'va-missing-required': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'va-duration-string': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  // Stricter on purpose: a content id is a number, never a numeric string.
  'va-content-id-string-numeric': refuses(register('dev'), 'E_VALIDATION', 'ok'),
  'va-wrong-token': sends(register('wrongToken'), 'E_PLATFORM_AUTH'),
  'va-no-token': refuses(register('noToken'), 'E_PLATFORM_AUTH', 'E_VALIDATION'),
  'va-id-nonint': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
  'va-malformed-json': outside(MALFORMED, 'E_VALIDATION'),
  'contents-list': sends(listContents),
  'contents-list-paged': sends(listContents),
  'contents-list-bad-limit': refuses(listContents, 'E_VALIDATION', 'E_VALIDATION'),
  'contents-get-1': sends(getContent),
  'contents-get-999': sends(getContent, 'E_NOT_FOUND'),
  'contents-get-abc': refuses(getContent, 'E_VALIDATION', 'E_VALIDATION'),
  'va-list-1': sends(listAssets),
  'va-list-999': sends(listAssets),
  'va-get-1-1': sends(getAsset),
  'va-get-1-999': sends(getAsset, 'E_NOT_FOUND'),
  'va-get-2-1': sends(getAsset, 'E_NOT_FOUND'),
  'contents-post-noauth': refuses(
    ({ noToken }, example) => noToken.createContent(bodyOf(example)),
    'E_PLATFORM_AUTH',
    'E_PLATFORM_AUTH',
  ),
  'contents-put-noauth': outside('sync updates content through upsert-internal', 'E_PLATFORM_AUTH'),
  'contents-put-badbearer': outside('sync updates content through upsert-internal', 'E_NETWORK'),
  'va-post-public-noauth': outside(
    'sync registers assets through video-assets-internal',
    'E_PLATFORM_AUTH',
  ),
  'not-found-route': outside('the client has no such endpoint', 'E_NOT_FOUND'),
  // Why ids are checked before sending: the platform crashes (a 500 we would retry).
  'upsert-id-overflow': refuses(upsert('dev'), 'E_VALIDATION', 'E_NETWORK'),
  // Stricter on purpose: the platform stores a negative id.
  'upsert-id-negative': refuses(upsert('dev'), 'E_VALIDATION', 'ok'),
  'order-nonint-id-wrong-token': refuses(upsert('wrongToken'), 'E_VALIDATION', 'E_PLATFORM_AUTH'),
  'order-nonint-id-no-token-bad-title': refuses(upsert('noToken'), 'E_VALIDATION', 'E_VALIDATION'),
  'order-va-missing-content-bad-body': refuses(register('dev'), 'E_VALIDATION', 'E_VALIDATION'),
};
