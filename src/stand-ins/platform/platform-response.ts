import { dumpPythonJson, NotJsonCompliantError } from './python-json-dump';
import { pyDict, type PyValue } from './python-value';
import { issueToPy, type ValidationIssue } from './validation-issue';

/** What an endpoint answers, before it is written to the wire. */
export type PlatformResponse =
  | { kind: 'json'; status: number; body: PyValue; headers?: Record<string, string> }
  | { kind: 'text'; status: number; body: string; headers?: Record<string, string> }
  | { kind: 'empty'; status: number; headers?: Record<string, string> };

export const json = (
  status: number,
  body: PyValue,
  headers?: Record<string, string>,
): PlatformResponse => ({ kind: 'json', status, body, headers });

/** The platform's application errors: `{"detail": "<text>"}`. */
export const detail = (
  status: number,
  text: string,
  headers?: Record<string, string>,
): PlatformResponse => json(status, pyDict({ detail: text }), headers);

/** FastAPI's request validation error: every problem in one `detail` list. */
export const validationFailed = (found: ValidationIssue[]): PlatformResponse =>
  json(422, pyDict({ detail: found.map(issueToPy) }));

/** Starlette's answer to an unhandled exception. */
export const internalServerError = (): PlatformResponse => ({
  kind: 'text',
  status: 500,
  body: 'Internal Server Error',
});

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Serialises as Starlette does; a body Python could not write becomes that 500. */
export function toWire(response: PlatformResponse): WireResponse {
  const headers = { ...response.headers };
  if (response.kind === 'empty') return { status: response.status, headers, body: Buffer.alloc(0) };
  if (response.kind === 'text') {
    headers['content-type'] = 'text/plain; charset=utf-8';
    return { status: response.status, headers, body: Buffer.from(response.body, 'utf8') };
  }
  let text: string;
  try {
    text = dumpPythonJson(response.body);
  } catch (error) {
    if (error instanceof NotJsonCompliantError) return toWire(internalServerError());
    throw error;
  }
  headers['content-type'] = 'application/json';
  return { status: response.status, headers, body: Buffer.from(text, 'utf8') };
}
