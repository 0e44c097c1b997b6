import { dailiesError } from '../../shared/contract';
import type { IngestAgeRating, PlatformContent } from '../platform/platform-schemas';
import { withRetry, type Retrying } from '../time/retry-policy';
import type { SyncConnection } from './sync-connection';
import { isoNow } from '../time/clock';

/** How far the platform's clock may lag ours when we look for a content we created. */
export const INTENT_CLOCK_SLACK_MS = 5 * 60_000;
const PAGE = 1000;

export interface ContentIntent {
  title: string;
  /** ISO time recorded before POST /v1/contents. */
  at: string;
}

export interface EnsureContentDeps {
  retry: Retrying;
  /** Records the intent durably before the call that is not idempotent. */
  recordIntent: (intent: ContentIntent) => void;
  /** Content ids our catalog already gives to assets: never adopted as "ours". */
  contentIdInUse: (contentId: number) => boolean;
}

/** The platform writes UTC without a zone suffix. */
function platformTime(stamp: string): number {
  return Date.parse(stamp.endsWith('Z') ? stamp : `${stamp}Z`);
}

/**
 * A content this asset's earlier POST created but whose id we never recorded (a crash, a
 * connection cut after the platform acted): same title, created since the intent, no video
 * assets, and not given to another asset of ours. The earliest such one wins. A colleague
 * creating the same title in the same minutes is the ambiguity PLATFORM_API.md accepts.
 */
export async function findCreatedContent(
  connection: SyncConnection,
  intent: ContentIntent,
  contentIdInUse: (contentId: number) => boolean,
  signal?: AbortSignal,
): Promise<PlatformContent | undefined> {
  const since = Date.parse(intent.at) - INTENT_CLOCK_SLACK_MS;
  const candidates: PlatformContent[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await connection.platform.listContents({ skip, limit: PAGE }, { signal });
    for (const content of page) {
      if (content.title !== intent.title || platformTime(content.created_at) < since) continue;
      if (!contentIdInUse(content.id)) candidates.push(content);
    }
    if (page.length < PAGE) break;
  }
  candidates.sort((a, b) => a.id - b.id);
  for (const content of candidates) {
    const assets = await connection.platform.listVideoAssets(content.id, { signal });
    if (assets.length === 0) return content;
  }
  return undefined;
}

/**
 * The content id for an asset that has none: adopt the one an interrupted earlier attempt
 * created, or create one (signed in). POST /v1/contents is the one call that is not
 * idempotent, so the intent is recorded first, and every retry after a failure that may have
 * reached the platform looks for the content before posting again.
 */
export async function createContentOnce(
  deps: EnsureContentDeps,
  connection: SyncConnection,
  body: { title: string; description: string; ageRating: IngestAgeRating },
  previousIntent: ContentIntent | null,
  signal?: AbortSignal,
): Promise<number> {
  if (previousIntent) {
    const found = await withRetry(
      () => findCreatedContent(connection, previousIntent, deps.contentIdInUse, signal),
      { ...deps.retry, ...(signal ? { signal } : {}) },
    );
    if (found) return found.id;
  }
  await connection.requireSignIn();
  const intent: ContentIntent =
    previousIntent?.title === body.title
      ? previousIntent
      : { title: body.title, at: isoNow(deps.retry.clock) };
  deps.recordIntent(intent);
  return withRetry(
    async (attempt) => {
      if (attempt > 1) {
        const found = await findCreatedContent(connection, intent, deps.contentIdInUse, signal);
        if (found) return found.id;
      }
      return createUnclaimed(deps, connection, body, signal);
    },
    { ...deps.retry, ...(signal ? { signal } : {}) },
  );
}

/** How many contents in a row may come back with ids our files already name. */
const MAX_CLAIMED_IDS = 5;

/**
 * POST /v1/contents, with an id no other asset of ours names. A file named after a content
 * id ("106_camera-b.mkv") that the platform does not have yet creates that content only when
 * it is sent (the upsert creates it with that id), so the platform may hand the same id to a
 * new title first: adopted, both files' video assets would land on one content and the named
 * file's metadata would overwrite the title. Such an id is left to the file that names it
 * (its upsert takes the content over) and another is asked for.
 */
async function createUnclaimed(
  deps: EnsureContentDeps,
  connection: SyncConnection,
  body: { title: string; description: string; ageRating: IngestAgeRating },
  signal?: AbortSignal,
): Promise<number> {
  const claimed: number[] = [];
  while (claimed.length < MAX_CLAIMED_IDS) {
    const created = await connection.platform.createContent(
      { title: body.title, description: body.description, age_rating: body.ageRating },
      { signal },
    );
    if (!deps.contentIdInUse(created.id)) return created.id;
    claimed.push(created.id);
  }
  throw dailiesError(
    'E_CONFLICT',
    `The platform gave "${body.title}" content ids that other files in the library are ` +
      `named after (${claimed.join(', ')}). Send those files first, or give this one a ` +
      'content id of its own.',
    { details: { claimedContentIds: claimed } },
  );
}
