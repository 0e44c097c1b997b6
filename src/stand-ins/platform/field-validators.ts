import { issues, type FieldIssue } from './validation-issue';
import { PyFloat, type PyValue } from './python-value';

/**
 * pydantic 2's lax ("python mode") checks for the field types the platform's models use.
 * Behaviour was taken from pydantic-core 2.46 (pydantic 2.13, the recorded platform's
 * version): `"1"` is an int, `1.0` is an int, `true` is an int, `"1.5"` is not.
 */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; issue: FieldIssue };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = (issue: FieldIssue): FieldResult<never> => ({ ok: false, issue });

/** Rust's `str::trim` (Unicode White_Space), which pydantic applies before parsing numbers. */
const UNICODE_SPACE =
  '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const TRIM = new RegExp(`^${UNICODE_SPACE}+|${UNICODE_SPACE}+$`, 'g');
const INT_STRING = /^([+-]?)(\d+(?:_\d+)*)(?:\.0+)?$/;
const FLOAT_STRING =
  /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const FLOAT_WORD = /^([+-]?)(inf|infinity|nan)$/i;
const MAX_INT_STRING_LENGTH = 4300;
const I64_LIMIT = 2 ** 63;

/** Python code points, which is what string length constraints count. */
export function pythonLength(value: string): number {
  let length = 0;
  for (const _ of value) length += 1;
  return length;
}

export function validateString(
  input: PyValue,
  limits: { minLength?: number; maxLength?: number } = {},
): FieldResult<string> {
  if (typeof input !== 'string') return fail(issues.stringType(input));
  const length = pythonLength(input);
  if (limits.minLength !== undefined && length < limits.minLength)
    return fail(issues.stringTooShort(input, limits.minLength));
  if (limits.maxLength !== undefined && length > limits.maxLength)
    return fail(issues.stringTooLong(input, limits.maxLength));
  return ok(input);
}

/** A Python int: `bigint` so ids beyond 2^53 keep every digit until the database sees them. */
export function validateInt(
  input: PyValue,
  limits: { ge?: number; le?: number } = {},
): FieldResult<bigint> {
  const parsed = toInt(input);
  if (!parsed.ok) return parsed;
  if (limits.ge !== undefined && parsed.value < BigInt(limits.ge))
    return fail(issues.greaterThanEqual(input, limits.ge));
  if (limits.le !== undefined && parsed.value > BigInt(limits.le))
    return fail(issues.lessThanEqual(input, limits.le));
  return parsed;
}

function toInt(input: PyValue): FieldResult<bigint> {
  if (typeof input === 'boolean') return ok(input ? 1n : 0n);
  if (typeof input === 'number') return ok(BigInt(input));
  if (typeof input === 'bigint') return ok(input);
  if (input instanceof PyFloat) {
    const value = input.value;
    if (!Number.isFinite(value)) return fail(issues.finiteNumber(input));
    if (!Number.isInteger(value)) return fail(issues.intFromFloat(input));
    if (Math.abs(value) >= I64_LIMIT) return fail(issues.intParsingSize(input));
    return ok(BigInt(value));
  }
  if (typeof input === 'string') return parseIntString(input, input);
  return fail(issues.intType(input));
}

export function parseIntString(text: string, input: PyValue): FieldResult<bigint> {
  const trimmed = text.replace(TRIM, '');
  if (trimmed.length > MAX_INT_STRING_LENGTH) return fail(issues.intParsingSize(input));
  const match = INT_STRING.exec(trimmed);
  if (!match) return fail(issues.intParsing(input));
  const magnitude = BigInt((match[2] ?? '').replaceAll('_', ''));
  return ok(match[1] === '-' ? -magnitude : magnitude);
}

export function validateFloat(input: PyValue, limits: { ge?: number } = {}): FieldResult<number> {
  const parsed = toFloat(input);
  if (!parsed.ok) return parsed;
  // Written as pydantic-core writes it, so NaN fails a bound as it does there.
  if (limits.ge !== undefined && !(parsed.value >= limits.ge))
    return fail(issues.greaterThanEqual(input, new PyFloat(limits.ge)));
  return parsed;
}

function toFloat(input: PyValue): FieldResult<number> {
  if (typeof input === 'boolean') return ok(input ? 1 : 0);
  if (typeof input === 'number') return ok(input);
  if (typeof input === 'bigint') {
    const value = Number(input);
    return Number.isFinite(value) ? ok(value) : fail(issues.floatType(input));
  }
  if (input instanceof PyFloat) return ok(input.value);
  if (typeof input === 'string') {
    const trimmed = input.replace(TRIM, '');
    const word = FLOAT_WORD.exec(trimmed);
    if (word) {
      const magnitude = (word[2] ?? '').toLowerCase() === 'nan' ? NaN : Infinity;
      return ok(word[1] === '-' ? -magnitude : magnitude);
    }
    if (!FLOAT_STRING.test(trimmed)) return fail(issues.floatParsing(input));
    return ok(Number(trimmed.replaceAll('_', '')));
  }
  return fail(issues.floatType(input));
}
