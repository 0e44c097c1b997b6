import { dailiesError, isDailiesError } from '../../shared/contract/errors';
import type { PlatformAnswer } from './platform-answer';

/** One request to the platform, already validated and with its credentials in the headers. */
export interface PlatformRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  headers: Record<string, string>;
  /** Compact JSON, exactly the bytes sent. */
  body?: string;
}

export interface SendOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The operating system's words for a refused or failed connection, for the details. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const reasons: Record<string, string> = {
  ECONNREFUSED: 'nothing is answering at that address',
  ECONNRESET: 'the connection was cut',
  ENOTFOUND: 'the name cannot be found (check the address, or whether you are online)',
  EAI_AGAIN: 'the name cannot be looked up right now (are you online?)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached (are you online?)',
  UND_ERR_SOCKET: 'the connection was cut',
};

/**
 * Sends one request and reads the whole answer, within `timeoutMs` for both. Redirects are
 * not followed: a redirect could carry the internal token to another host. Failures before
 * an answer are retryable E_NETWORK errors that say which host could not be reached; an
 * abort by the caller is E_CANCELLED.
 */
export async function sendPlatformRequest(
  request: PlatformRequest,
  options: SendOptions,
): Promise<PlatformAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const host = request.url.host;
  try {
    if (options.signal?.aborted) throw abortedError();
    const response = await options.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (isDailiesError(error)) throw error;
    if (options.signal?.aborted) throw abortedError();
    if (timedOut) {
      throw dailiesError(
        'E_NETWORK',
        `The platform at ${host} did not answer within ${Math.round(options.timeoutMs / 1000)} s. ` +
          'Dailies will try again.',
        { retryable: true, details: { host, timeoutMs: options.timeoutMs } },
      );
    }
    const code = causeCode(error);
    const reason = (code && reasons[code]) ?? 'the connection failed';
    throw dailiesError(
      'E_NETWORK',
      `Cannot reach the platform at ${host}: ${reason}. Dailies will try again.`,
      { retryable: true, details: { host, ...(code === undefined ? {} : { cause: code }) } },
    );
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function abortedError() {
  return dailiesError('E_CANCELLED', 'The request to the platform was cancelled.');
}
