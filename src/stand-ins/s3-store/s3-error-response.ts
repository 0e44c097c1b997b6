import crypto from 'node:crypto';
import type { ServerResponse } from 'node:http';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** S3's error document, so the SDK maps it to an error named after `code`. */
export function s3ErrorXml(
  code: string,
  message: string,
  requestId: string,
  details: Record<string, string> = {},
  hostId = 'fault-proxy',
): string {
  const extra = Object.entries(details)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>${extra}` +
    `<RequestId>${requestId}</RequestId><HostId>${escapeXml(hostId)}</HostId></Error>`
  );
}

/** The S3 error code a store uses for an HTTP status the proxy injects. */
export function s3CodeForStatus(status: number): { code: string; message: string } {
  if (status === 503) return { code: 'SlowDown', message: 'Please reduce your request rate.' };
  if (status === 500) {
    return {
      code: 'InternalError',
      message: 'We encountered an internal error. Please try again.',
    };
  }
  return { code: `Status${status}`, message: `Injected status ${status}.` };
}

/** Answers with an S3 XML error document (headers included: request id, content type). */
export function sendS3Error(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  options: { details?: Record<string, string>; headers?: Record<string, string> } = {},
): void {
  const requestId = crypto.randomBytes(8).toString('hex').toUpperCase();
  const body = s3ErrorXml(code, message, requestId, options.details);
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
    ...options.headers,
  });
  res.end(body);
}
