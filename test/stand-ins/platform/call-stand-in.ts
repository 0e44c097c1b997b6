import { sendRawRequest } from './send-raw-request';
import type { PlatformStandIn } from '../../../src/stand-ins/platform';

export interface StandInCall {
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Sent byte for byte, with only the headers given. */
  body?: string | Buffer;
}

export interface StandInAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the text of a non-JSON answer. */
  body: unknown;
  text: string;
}

/** A request to `path` below the stand-in's API base URL (`/v1/...`), for the tests. */
export async function callStandIn(
  standIn: PlatformStandIn,
  method: string,
  path: string,
  call: StandInCall = {},
): Promise<StandInAnswer> {
  const base = new URL(standIn.baseUrl);
  const headers = { ...call.headers };
  let body = call.body;
  if (call.json !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(call.json);
  }
  const response = await sendRawRequest(base.origin, {
    method,
    path: `${base.pathname}${path}`,
    headers,
    body,
  });
  const isJson = response.headers['content-type'] === 'application/json' && response.text !== '';
  return { ...response, body: isJson ? (JSON.parse(response.text) as unknown) : response.text };
}
