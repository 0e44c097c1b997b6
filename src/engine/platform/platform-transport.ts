import type { z } from 'zod';
import { dailiesError, type DailiesError } from '../../shared/contract/errors';
import type { Logger } from '../logging/logger';
import { SecretRedactor } from '../logging/redactor';
import {
  platformFailure,
  readPlatformAnswer,
  type PlatformAnswer,
  type PlatformAuth,
} from './platform-answer';
import { assertSecretMayTravel, parseBaseUrl } from './secure-transport';
import { sendPlatformRequest, type PlatformRequest } from './send-platform-request';
import type { Clock } from '../time/clock';

type TokenGetter = () => string | undefined | Promise<string | undefined>;

export interface PlatformTransportOptions {
  /** The profile's API base URL: everything before `/v1` (`https://api.example.com/api`). */
  baseUrl: string;
  fetch: typeof fetch;
  /** The profile's `X-Internal-Token`, read when a call needs it (the keychain may change). */
  internalToken: TokenGetter;
  /** The signed-in editor's bearer token. */
  accessToken: TokenGetter;
  /** Token expiry, Retry-After dates and call durations are computed from its now. */
  clock: Clock;
  /** For sending a request and reading its answer; 30 s when not given. */
  timeoutMs?: number;
  /** Tokens are registered here as they are used, so no log or error can show them. */
  redactor?: SecretRedactor;
  logger?: Logger;
  userAgent?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** One endpoint call: where it goes, what it carries and what it expects back. */
export interface CallSpec<T> {
  method: PlatformRequest['method'];
  /** Below the base URL, e.g. `/v1/contents/12`. */
  path: string;
  query?: Record<string, string>;
  auth: PlatformAuth;
  /** An already validated JSON value, sent as compact JSON. */
  body?: unknown;
  status: number;
  schema: z.ZodType<T>;
  /** What is asked for, in an editor's words ("content 12"), for a 404. */
  subject: string;
  /** Secrets inside the body (a password), masked wherever they could surface. */
  secrets?: string[];
}

export interface PlatformTransport {
  /** The base URL without a trailing `/`. */
  readonly baseUrl: string;
  /** Sends and parses, or throws a DailiesError. */
  call<T>(spec: CallSpec<T>, options?: CallOptions): Promise<T>;
  /** Sends and returns the raw answer, for calls that read failures as success. */
  exchange(
    spec: Omit<CallSpec<unknown>, 'status' | 'schema'>,
    options?: CallOptions,
  ): Promise<PlatformAnswer>;
  failure(spec: Pick<CallSpec<unknown>, 'auth' | 'subject'>, answer: PlatformAnswer): DailiesError;
  /** A secret that arrived in an answer (a new access token), to be masked from now on. */
  registerSecret(secret: string): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

const secretNames: Record<Exclude<PlatformAuth, 'none'>, string> = {
  'internal-token': 'internal token',
  bearer: 'sign-in token',
  password: 'password',
};

/**
 * Everything the endpoints share: credentials read per call (and never sent over plain http
 * off this machine), one timeout for request and answer, logs without secrets, and the mapping
 * of answers to typed values or DailiesErrors.
 */
export function createPlatformTransport(options: PlatformTransportOptions): PlatformTransport {
  const base = parseBaseUrl(options.baseUrl);
  const baseUrl = base.href.replace(/\/$/, '');
  const redactor = options.redactor ?? new SecretRedactor();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = options.logger?.child('platform');
  const answerContext = () => ({
    nowMs: options.clock.now(),
    redact: (value: unknown) => redactor.redact(value),
  });

  async function credentialHeaders(auth: PlatformAuth): Promise<Record<string, string>> {
    if (auth === 'none' || auth === 'password') return {};
    if (auth === 'internal-token') {
      const token = await options.internalToken();
      if (!token) {
        throw dailiesError(
          'E_PLATFORM_AUTH',
          'This profile has no internal token. Enter it in the profile settings.',
          { details: { auth } },
        );
      }
      redactor.register(token);
      return { 'X-Internal-Token': token };
    }
    const token = await options.accessToken();
    if (!token) {
      throw dailiesError('E_PLATFORM_AUTH', 'Sign in to the platform first.', {
        details: { auth },
      });
    }
    redactor.register(token);
    return { Authorization: `Bearer ${token}` };
  }

  async function exchange(
    spec: Omit<CallSpec<unknown>, 'status' | 'schema'>,
    call: CallOptions = {},
  ): Promise<PlatformAnswer> {
    if (spec.auth !== 'none') assertSecretMayTravel(base, secretNames[spec.auth]);
    for (const secret of spec.secrets ?? []) redactor.register(secret);
    const url = new URL(`${baseUrl}${spec.path}`);
    for (const [key, value] of Object.entries(spec.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      ...(spec.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(options.userAgent === undefined ? {} : { 'User-Agent': options.userAgent }),
      ...(await credentialHeaders(spec.auth)),
    };
    const started = options.clock.now();
    try {
      const answer = await sendPlatformRequest(
        {
          method: spec.method,
          url,
          headers,
          ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        },
        { fetch: options.fetch, timeoutMs, ...(call.signal ? { signal: call.signal } : {}) },
      );
      log?.debug('platform answered', {
        method: spec.method,
        path: spec.path,
        status: answer.status,
        ms: options.clock.now() - started,
      });
      return answer;
    } catch (error) {
      log?.warn('platform request failed', { method: spec.method, path: spec.path, error });
      throw error;
    }
  }

  return {
    baseUrl,
    exchange,
    async call(spec, call) {
      const answer = await exchange(spec, call);
      return readPlatformAnswer(spec, answer, answerContext());
    },
    failure: (spec, answer) => platformFailure(spec, answer, answerContext()),
    registerSecret: (secret) => redactor.register(secret),
  };
}
