import { PyBytes, PyFloat, type PyValue } from './python-value';

/**
 * Writes a response body as the platform does (Starlette's JSONResponse: `json.dumps` with
 * `ensure_ascii=False, allow_nan=False, separators=(",", ":")`), so floats keep their `.0`
 * and a value Python cannot write fails the request the way it fails there.
 */
export class NotJsonCompliantError extends Error {}

export function dumpPythonJson(value: PyValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return dumpString(value);
  if (value instanceof PyFloat) return pythonFloatRepr(value.value);
  if (value instanceof PyBytes) return dumpString(decodeUtf8(value.bytes));
  if (Array.isArray(value)) return `[${value.map(dumpPythonJson).join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of value) parts.push(`${dumpString(key)}:${dumpPythonJson(item)}`);
  return `{${parts.join(',')}}`;
}

/** FastAPI's jsonable_encoder turns bytes into text with `bytes.decode()`. */
function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NotJsonCompliantError("'utf-8' codec can't decode the body");
  }
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function dumpString(value: string): string {
  // Python writes a lone surrogate as is, and encoding the body as UTF-8 then fails.
  if (LONE_SURROGATE.test(value))
    throw new NotJsonCompliantError("'utf-8' codec can't encode character: surrogates not allowed");
  // For well-formed strings JSON.stringify escapes exactly what Python's encoder escapes.
  return JSON.stringify(value);
}

/** Python's `repr(float)`: shortest round trip, exponent outside 1e-4 <= |x| < 1e16. */
export function pythonFloatRepr(value: number): string {
  if (!Number.isFinite(value))
    throw new NotJsonCompliantError('Out of range float values are not JSON compliant');
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentSign = exponent < 0 ? '-' : '+';
    const exponentDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${exponentSign}${exponentDigits}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${whole}.${fraction}`;
}
