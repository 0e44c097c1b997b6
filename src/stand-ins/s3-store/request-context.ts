import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiskLayout } from './disk-layout';
import type { StoreState } from './store-state';
import { xmlDocument, type XmlFields } from './xml';

/** What a handler needs about one request: the parsed path, the store and the clock. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  state: StoreState;
  layout: DiskLayout;
  /** Decoded from the path; '' when the request names no bucket / no key. */
  bucket: string;
  key: string;
  query: URLSearchParams;
  region: string;
  now: () => Date;
  requestId: string;
}

export function requestHeader(ctx: RequestContext, name: string): string | undefined {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** S3's date format in headers (Last-Modified): RFC 7231, second precision. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

/** S3's date format in XML documents: ISO 8601 with milliseconds. */
export function xmlDate(iso: string): string {
  return new Date(iso).toISOString();
}

export function sendXml(
  ctx: RequestContext,
  status: number,
  root: string,
  fields: XmlFields,
  headers: Record<string, string> = {},
): void {
  const body = xmlDocument(root, fields);
  ctx.res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  ctx.res.end(body);
}

export function sendEmpty(
  ctx: RequestContext,
  status: number,
  headers: Record<string, string> = {},
): void {
  ctx.res.writeHead(status, { 'content-length': '0', ...headers });
  ctx.res.end();
}
