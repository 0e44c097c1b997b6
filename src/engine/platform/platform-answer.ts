import type { z } from 'zod';
import { dailiesError, type DailiesError } from '../../shared/contract/errors';
import { parseRetryAfter } from '../time/retry-after';
import { errorBodySchema, type ValidationProblem } from './platform-schemas';

/** Which credential a request carried: it decides what a 401 or 403 means. */
export type PlatformAuth = 'none' | 'bearer' | 'internal-token' | 'password';

/** An HTTP answer from the platform, read whole. */
export interface PlatformAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** What a call expects back: the success status and the body's schema. */
export interface PlatformExpectation<T> {
  auth: PlatformAuth;
  status: number;
  schema: z.ZodType<T>;
  /** What was asked for, in an editor's words ("content 12"), for a 404. */
  subject: string;
}

export interface AnswerContext {
  nowMs: number;
  /** Masks secret values in anything that goes into an error. */
  redact: (value: unknown) => unknown;
}

/** A 422 entry as kept in an error's details: no `input` (it can be large) and no docs link. */
export interface ValidationProblemDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/**
 * The typed body of a successful answer, or the DailiesError for any other. Pure: given the
 * same answer it gives the same result, so recorded platform answers can be replayed through
 * it in tests.
 */
export function readPlatformAnswer<T>(
  expectation: PlatformExpectation<T>,
  answer: PlatformAnswer,
  context: AnswerContext,
): T {
  if (answer.status !== expectation.status) {
    throw platformFailure(expectation, answer, context);
  }
  const parsed = expectation.schema.safeParse(parseJson(answer.text));
  if (!parsed.success) {
    throw dailiesError(
      'E_INTERNAL',
      'The platform answered in a form Dailies does not understand. Check that the API base ' +
        'URL points at the platform.',
      {
        details: {
          status: answer.status,
          problems: parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          })),
        },
      },
    );
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The `detail` of an error body: a message, a 422 list, or nothing (plain text, HTML). */
function detailOf(text: string): string | ValidationProblem[] | undefined {
  const parsed = errorBodySchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data.detail : undefined;
}

function describeProblem(problem: ValidationProblemDetail): string {
  // `loc` starts with where the value was (body, path, query, header).
  const where = problem.loc.slice(1).join('.') || String(problem.loc[0] ?? 'request');
  return `${where}: ${problem.msg}`;
}

/**
 * Maps a failed answer to our error values (docs/PLATFORM_API.md): what an editor can act on
 * (refused token, not found, invalid) never retries; what time may fix (5xx, 429) does.
 */
export function platformFailure(
  expectation: Pick<PlatformExpectation<unknown>, 'auth' | 'subject'>,
  answer: PlatformAnswer,
  context: AnswerContext,
): DailiesError {
  const { status } = answer;
  const detail = detailOf(answer.text);
  const platformDetail = typeof detail === 'string' ? detail : undefined;
  const base = context.redact({
    status,
    ...(platformDetail === undefined ? {} : { platformDetail }),
  }) as Record<string, unknown>;
  const fail = (
    code: Parameters<typeof dailiesError>[0],
    message: string,
    extra: Record<string, unknown> = {},
    retryable = false,
  ) => dailiesError(code, message, { retryable, details: { ...base, ...extra } });

  if (status === 422) {
    const problems: ValidationProblemDetail[] = Array.isArray(detail)
      ? detail.map(({ loc, msg, type }) => ({ loc, msg, type }))
      : [];
    const summary = problems.map(describeProblem).join('; ');
    return fail(
      'E_VALIDATION',
      summary === ''
        ? 'The platform refused the data Dailies sent.'
        : `The platform refused the data Dailies sent: ${summary}.`,
      { problems: context.redact(problems) },
    );
  }

  if (status === 401 || status === 403) {
    switch (expectation.auth) {
      case 'internal-token':
        return fail(
          'E_PLATFORM_AUTH',
          "The internal token was refused by the platform. Check the profile's internal token " +
            '(ask the platform team for the current one).',
          { auth: 'internal-token' },
        );
      case 'password':
        return fail(
          'E_PLATFORM_AUTH',
          platformDetail === 'Invalid email or password'
            ? 'The platform did not accept this email and password.'
            : 'The platform could not sign you in: its identity server refused the request. ' +
                'Try again later; if it persists, tell the platform team.',
          { auth: 'password' },
        );
      case 'bearer':
      case 'none':
        return fail(
          'E_PLATFORM_AUTH',
          'Your platform sign-in has expired or was refused. Sign in again.',
          { auth: 'bearer' },
        );
    }
  }

  if (status === 404) {
    return platformDetail === 'Not Found'
      ? fail(
          'E_NOT_FOUND',
          "The platform has no such address. Check the profile's API base URL (everything " +
            'before /v1, for example https://api.example.com/api).',
          { field: 'baseUrl' },
        )
      : fail('E_NOT_FOUND', `The platform has no ${expectation.subject}.`);
  }

  if (status === 400) {
    return fail(
      'E_VALIDATION',
      platformDetail === 'Content ID mismatch'
        ? 'The platform refused the video asset: its content id differs from the content it ' +
            'was registered under.'
        : `The platform refused the request${platformDetail ? `: ${platformDetail}` : ''}.`,
    );
  }

  if (status >= 500 || status === 429 || status === 408) {
    const retryAfter = answer.headers.get('retry-after');
    const retryAfterMs = parseRetryAfter(retryAfter, context.nowMs);
    const signIn = expectation.auth === 'password' && platformDetail?.startsWith('Login failed');
    return fail(
      'E_NETWORK',
      signIn
        ? "The platform's sign-in service cannot be reached right now. Try again in a moment."
        : `The platform could not handle the request right now (HTTP ${status}). Dailies will ` +
            'try again.',
      {
        ...(retryAfter === null ? {} : { retryAfter }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
      true,
    );
  }

  if (status >= 300 && status < 400) {
    return fail(
      'E_VALIDATION',
      "The platform redirected the request elsewhere. Check the profile's API base URL " +
        '(Dailies does not follow redirects, so tokens never travel to another address).',
      { field: 'baseUrl', location: answer.headers.get('location') },
    );
  }

  return fail(
    'E_INTERNAL',
    `The platform answered with an unexpected status (HTTP ${status}). Check the profile's ` +
      'API base URL.',
  );
}
