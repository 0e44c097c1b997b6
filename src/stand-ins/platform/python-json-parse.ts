import { PyFloat, type PyDict, type PyValue } from './python-value';

/**
 * The platform parses request bodies with Python's `json.loads` (CPython 3.11/3.12 C scanner),
 * and a malformed body comes back to the client as a 422 naming the scanner's message and the
 * character position. This is a port of that scanner so that our client sees the same error.
 * Positions are in code points, as Python counts them.
 */
export type PythonJsonResult =
  | { ok: true; value: PyValue }
  | { ok: false; kind: 'decode-error'; message: string; position: number }
  /** Errors Python raises as something other than JSONDecodeError (FastAPI answers 400). */
  | { ok: false; kind: 'other-error'; message: string };

/** CPython refuses int strings longer than this (sys.int_info.default_max_str_digits). */
const MAX_INT_DIGITS = 4300;
/**
 * CPython's recursion limit is 1000 frames, some of which the web stack already uses when the
 * body is parsed. The exact depth cannot be known from outside; this is close.
 */
const MAX_DEPTH = 900;

class DecodeError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}
class OtherError extends Error {}
/** Python's StopIteration from scan_once: "no value starts here", reported by the caller. */
class NoValue extends Error {
  constructor(readonly index: number) {
    super('no value');
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

export function parsePythonJson(text: string): PythonJsonResult {
  const scanner = new Scanner(text);
  try {
    let index = scanner.skipWhitespace(0);
    let value: PyValue;
    try {
      [value, index] = scanner.scanOnce(index, 0);
    } catch (error) {
      if (error instanceof NoValue) throw new DecodeError('Expecting value', error.index);
      throw error;
    }
    index = scanner.skipWhitespace(index);
    if (index !== text.length) throw new DecodeError('Extra data', index);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof DecodeError) {
      return {
        ok: false,
        kind: 'decode-error',
        message: error.message,
        position: codePointCount(text, error.index),
      };
    }
    if (error instanceof OtherError)
      return { ok: false, kind: 'other-error', message: error.message };
    throw error;
  }
}

function codePointCount(text: string, unitIndex: number): number {
  let count = 0;
  for (let i = 0; i < unitIndex; i += 1) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff && i + 1 < unitIndex)
      i += 1;
    count += 1;
  }
  return count;
}

class Scanner {
  constructor(private readonly s: string) {}

  skipWhitespace(index: number): number {
    let i = index;
    while (i < this.s.length && WS.has(this.s[i] as string)) i += 1;
    return i;
  }

  scanOnce(index: number, depth: number): [PyValue, number] {
    const s = this.s;
    if (index >= s.length) throw new NoValue(index);
    const c = s[index];
    switch (c) {
      case '"':
        return this.scanString(index + 1);
      case '{':
        return this.nested(() => this.parseObject(index + 1, depth + 1), depth);
      case '[':
        return this.nested(() => this.parseArray(index + 1, depth + 1), depth);
      case 'n':
        if (s.startsWith('null', index)) return [null, index + 4];
        break;
      case 't':
        if (s.startsWith('true', index)) return [true, index + 4];
        break;
      case 'f':
        if (s.startsWith('false', index)) return [false, index + 5];
        break;
      case 'N':
        if (s.startsWith('NaN', index)) return [new PyFloat(NaN), index + 3];
        break;
      case 'I':
        if (s.startsWith('Infinity', index)) return [new PyFloat(Infinity), index + 8];
        break;
      case '-':
        if (s.startsWith('-Infinity', index)) return [new PyFloat(-Infinity), index + 9];
        break;
    }
    return this.matchNumber(index);
  }

  private nested(parse: () => [PyValue, number], depth: number): [PyValue, number] {
    if (depth + 1 > MAX_DEPTH)
      throw new OtherError('maximum recursion depth exceeded while decoding a JSON document');
    return parse();
  }

  private parseObject(start: number, depth: number): [PyDict, number] {
    const s = this.s;
    const result: PyDict = new Map();
    let index = this.skipWhitespace(start);
    if (s[index] === '}') return [result, index + 1];
    for (;;) {
      if (s[index] !== '"')
        throw new DecodeError('Expecting property name enclosed in double quotes', index);
      const [key, afterKey] = this.scanString(index + 1);
      index = this.skipWhitespace(afterKey);
      if (s[index] !== ':') throw new DecodeError("Expecting ':' delimiter", index);
      index = this.skipWhitespace(index + 1);
      let value: PyValue;
      try {
        [value, index] = this.scanOnce(index, depth);
      } catch (error) {
        if (error instanceof NoValue) throw new DecodeError('Expecting value', error.index);
        throw error;
      }
      result.set(key, value);
      index = this.skipWhitespace(index);
      if (s[index] === '}') return [result, index + 1];
      if (s[index] !== ',') throw new DecodeError("Expecting ',' delimiter", index);
      index = this.skipWhitespace(index + 1);
    }
  }

  private parseArray(start: number, depth: number): [PyValue[], number] {
    const s = this.s;
    const result: PyValue[] = [];
    let index = this.skipWhitespace(start);
    if (s[index] === ']') return [result, index + 1];
    for (;;) {
      let value: PyValue;
      try {
        [value, index] = this.scanOnce(index, depth);
      } catch (error) {
        if (error instanceof NoValue) throw new DecodeError('Expecting value', error.index);
        throw error;
      }
      result.push(value);
      index = this.skipWhitespace(index);
      if (s[index] === ']') return [result, index + 1];
      if (s[index] !== ',') throw new DecodeError("Expecting ',' delimiter", index);
      index = this.skipWhitespace(index + 1);
    }
  }

  /** `begin` is just past the opening quote, as in CPython's scanstring. */
  private scanString(afterQuote: number): [string, number] {
    const s = this.s;
    const len = s.length;
    const quote = afterQuote - 1;
    let out = '';
    let end = afterQuote;
    for (;;) {
      let next = end;
      let c = '';
      for (; next < len; next += 1) {
        c = s[next] as string;
        if (c === '"' || c === '\\') break;
        if (c.charCodeAt(0) <= 0x1f) throw new DecodeError('Invalid control character at', next);
      }
      if (next >= len) throw new DecodeError('Unterminated string starting at', quote);
      out += s.slice(end, next);
      next += 1;
      if (c === '"') return [out, next];
      if (next === len) throw new DecodeError('Unterminated string starting at', quote);
      const escape = s[next] as string;
      if (escape !== 'u') {
        const replacement = SIMPLE_ESCAPES[escape];
        if (replacement === undefined) throw new DecodeError('Invalid \\escape', next - 1);
        out += replacement;
        end = next + 1;
        continue;
      }
      next += 1;
      end = next + 4;
      if (end >= len) throw new DecodeError('Invalid \\uXXXX escape', next - 1);
      let code = this.hex4(next, end);
      if (
        code >= 0xd800 &&
        code <= 0xdbff &&
        end + 6 < len &&
        s[end] === '\\' &&
        s[end + 1] === 'u'
      ) {
        const low = this.hex4(end + 2, end + 6);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          end += 6;
        }
      }
      // A lone surrogate is kept, as Python keeps it; it only fails when written out again.
      out += code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
    }
  }

  private hex4(from: number, to: number): number {
    const digits = this.s.slice(from, to);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new DecodeError('Invalid \\uXXXX escape', to - 5);
    return Number.parseInt(digits, 16);
  }

  private matchNumber(start: number): [PyValue, number] {
    const s = this.s;
    const last = s.length - 1;
    const isDigit = (i: number) => i <= last && s[i]! >= '0' && s[i]! <= '9';
    let index = start;
    if (s[index] === '-') {
      index += 1;
      if (index > last) throw new NoValue(start);
    }
    if (s[index]! >= '1' && s[index]! <= '9') {
      index += 1;
      while (isDigit(index)) index += 1;
    } else if (s[index] === '0') {
      index += 1;
    } else {
      throw new NoValue(start);
    }
    let isFloat = false;
    if (index < last && s[index] === '.' && isDigit(index + 1)) {
      isFloat = true;
      index += 2;
      while (isDigit(index)) index += 1;
    }
    if (index < last && (s[index] === 'e' || s[index] === 'E')) {
      const exponentStart = index;
      index += 1;
      if (index < last && (s[index] === '-' || s[index] === '+')) index += 1;
      while (isDigit(index)) index += 1;
      if (isDigit(index - 1)) isFloat = true;
      else index = exponentStart;
    }
    const literal = s.slice(start, index);
    if (isFloat) return [new PyFloat(Number(literal)), index];
    const digitCount = literal.startsWith('-') ? literal.length - 1 : literal.length;
    if (digitCount > MAX_INT_DIGITS)
      throw new OtherError(
        `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digitCount} digits`,
      );
    const asNumber = Number(literal);
    return [Number.isSafeInteger(asNumber) ? asNumber : BigInt(literal), index];
  }
}
