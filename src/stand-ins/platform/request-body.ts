import { parsePythonJson } from './python-json-parse';
import { detail, validationFailed, type PlatformResponse } from './platform-response';
import { PyBytes, type PyValue } from './python-value';
import { issues } from './validation-issue';

/**
 * FastAPI's first look at a body, before any header or token is checked: an empty body is
 * "no body"; a JSON content type (`application/json`, `application/*+json`) is parsed with
 * Python's json module, whose failure is a 422 at once; any other or no content type leaves
 * the raw bytes for validation (the recorded platform does not guess JSON).
 */
export type BodyOutcome =
  | { kind: 'absent' }
  | { kind: 'present'; value: PyValue }
  | { kind: 'rejected'; response: PlatformResponse };

export function readBody(contentType: string | undefined, bytes: Buffer): BodyOutcome {
  if (bytes.length === 0) return { kind: 'absent' };
  if (!isJsonContentType(contentType)) return { kind: 'present', value: new PyBytes(bytes) };
  const text = decodeJsonBytes(bytes);
  if (text === undefined) return { kind: 'rejected', response: unparsable() };
  const parsed = parsePythonJson(text);
  if (parsed.ok) return { kind: 'present', value: parsed.value };
  if (parsed.kind === 'other-error') return { kind: 'rejected', response: unparsable() };
  return {
    kind: 'rejected',
    response: validationFailed([issues.jsonInvalid(parsed.position, parsed.message)]),
  };
}

/** FastAPI's answer when parsing fails with anything but a JSON syntax error. */
const unparsable = () => detail(400, 'There was an error parsing the body');

/** Python's email.message content-type reading, as FastAPI uses it. */
function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  let type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type.split('/').length !== 2) type = 'text/plain';
  const [main, sub = ''] = type.split('/');
  return main === 'application' && (sub === 'json' || sub.endsWith('+json'));
}

/**
 * `json.loads(bytes)`: the encoding is sniffed from a BOM or the pattern of zero bytes
 * (json.detect_encoding) and decoded with `surrogatepass`; undecodable bytes are not a
 * JSON error but a UnicodeDecodeError.
 */
export function decodeJsonBytes(bytes: Buffer): string | undefined {
  const b = bytes;
  const startsWith = (...prefix: number[]) => prefix.every((value, i) => b[i] === value);
  if (startsWith(0x00, 0x00, 0xfe, 0xff)) return decodeUtf32(b.subarray(4), false);
  if (startsWith(0xff, 0xfe, 0x00, 0x00)) return decodeUtf32(b.subarray(4), true);
  if (startsWith(0xfe, 0xff)) return decodeUtf16(b.subarray(2), false);
  if (startsWith(0xff, 0xfe)) return decodeUtf16(b.subarray(2), true);
  if (startsWith(0xef, 0xbb, 0xbf)) return decodeUtf8(b.subarray(3));
  if (b.length >= 4) {
    if (!b[0]) return b[1] ? decodeUtf16(b, false) : decodeUtf32(b, false);
    if (!b[1]) return b[2] || b[3] ? decodeUtf16(b, true) : decodeUtf32(b, true);
  } else if (b.length === 2) {
    if (!b[0]) return decodeUtf16(b, false);
    if (!b[1]) return decodeUtf16(b, true);
  }
  return decodeUtf8(b);
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeUtf16(bytes: Buffer, littleEndian: boolean): string | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  // Code units one by one, so lone surrogates survive as `surrogatepass` keeps them.
  let text = '';
  for (let i = 0; i < bytes.length; i += 2)
    text += String.fromCharCode(littleEndian ? bytes.readUInt16LE(i) : bytes.readUInt16BE(i));
  return text;
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string | undefined {
  if (bytes.length % 4 !== 0) return undefined;
  let text = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const code = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    if (code > 0x10ffff) return undefined;
    text += String.fromCodePoint(code);
  }
  return text;
}
