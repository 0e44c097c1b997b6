// Not the contract's index, which would build every method's schemas: see pick-transport.ts.
import type { MethodName } from '../../shared/contract/api';
import type { ContractTransport } from '../../shared/contract/client';
import {
  resultSchema,
  wireMessageSchema,
  type WireEvent,
  type WireResult,
} from '../../shared/contract/wire';

export interface HttpTransportOptions {
  /** The web host's origin; the page's own in a browser. */
  origin: string;
  /** The per-run token from the address the web host printed. */
  token: string;
}

/**
 * The contract over the loopback web host: POST /api/rpc/<method> with the token in a
 * header, and one shared EventSource on /api/events (which cannot send headers, so the
 * token rides in its query) opened for the first listener and closed after the last.
 * Transport failures come back as error values like any other, never as thrown errors.
 */
export function createHttpTransport(options: HttpTransportOptions): ContractTransport {
  const listeners = new Set<(event: WireEvent) => void>();
  let source: EventSource | null = null;

  const openEvents = () => {
    const url = new URL('/api/events', options.origin);
    url.searchParams.set('token', options.token);
    source = new EventSource(url);
    source.onmessage = (message: MessageEvent<string>) => {
      const parsed = safeJson(message.data);
      const wire = wireMessageSchema.safeParse(parsed);
      if (!wire.success || wire.data.kind !== 'event') return;
      for (const listener of [...listeners]) listener(wire.data);
    };
  };

  return {
    async request(method: MethodName, input: unknown): Promise<WireResult> {
      let response: Response;
      try {
        response = await fetch(new URL(`/api/rpc/${encodeURIComponent(method)}`, options.origin), {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `Bearer ${options.token}`,
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return transportError('Dailies is not answering. Is the web host still running?', true);
      }
      if (!response.ok) {
        const text = (await response.text().catch(() => '')).trim();
        return transportError(text || `The web host answered ${response.status}.`, false, {
          status: response.status,
        });
      }
      const result = resultSchema.safeParse(safeJson(await response.text()));
      return result.success
        ? result.data
        : transportError('The web host sent an answer Dailies cannot read.', false);
    },
    listen(listener) {
      listeners.add(listener);
      if (!source) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

function transportError(
  message: string,
  retryable: boolean,
  details?: Record<string, unknown>,
): WireResult {
  return {
    ok: false,
    error: { code: 'E_NETWORK', message, retryable, ...(details ? { details } : {}) },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
