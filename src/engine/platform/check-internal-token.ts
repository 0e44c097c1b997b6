import { errorBodySchema } from './platform-schemas';
import type { CallOptions, PlatformTransport } from './platform-transport';

/**
 * The harmless check of PLATFORM_API.md: `PUT /v1/contents/x/upsert-internal` with `{}`.
 * `x` is no content id, so a right token gets past the token check and fails path validation
 * (422 int_parsing on the path); a wrong one is a 401 (E_PLATFORM_AUTH). Nothing is read or
 * written. Resolves when the token is accepted.
 */
export async function checkInternalToken(
  transport: PlatformTransport,
  options?: CallOptions,
): Promise<void> {
  const spec = {
    method: 'PUT',
    path: '/v1/contents/x/upsert-internal',
    auth: 'internal-token',
    body: {},
    subject: 'internal token check',
  } as const;
  const answer = await transport.exchange(spec, options);
  if (answer.status === 422 && isContentIdParsingRefusal(answer.text)) return;
  throw transport.failure(spec, answer);
}

function isContentIdParsingRefusal(text: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return false;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success || typeof parsed.data.detail === 'string') return false;
  return parsed.data.detail.some(
    (problem) =>
      problem.type === 'int_parsing' &&
      problem.loc[0] === 'path' &&
      problem.loc[1] === 'content_id',
  );
}
