import { describe, expect, it } from 'vitest';
import { dumpPythonJson, pythonFloatRepr } from '../../../src/stand-ins/platform/python-json-dump';
import { parsePythonJson } from '../../../src/stand-ins/platform/python-json-parse';
import { PyFloat, pyDict } from '../../../src/stand-ins/platform/python-value';

/**
 * The platform answers a malformed body with CPython's json error message and position, and
 * writes floats with Python's repr. Expected values were produced by CPython 3.11 (`json.loads`
 * on bytes, C scanner; `repr(float)`), not derived from our port.
 */
const CPYTHON_DECODE_ERRORS: [string, string, number][] = [
  ['{"title": "Inception",', 'Expecting property name enclosed in double quotes', 22],
  ['', 'Expecting value', 0],
  ['  ', 'Expecting value', 2],
  ['{', 'Expecting property name enclosed in double quotes', 1],
  ['{"a"', "Expecting ':' delimiter", 4],
  ['{"a":', 'Expecting value', 5],
  ['{"a":1', "Expecting ',' delimiter", 6],
  ['{"a":1,}', 'Expecting property name enclosed in double quotes', 7],
  ['[1,]', 'Expecting value', 3],
  ['[1', "Expecting ',' delimiter", 2],
  ['{"a" 1}', "Expecting ':' delimiter", 5],
  ['{"a":1 "b":2}', "Expecting ',' delimiter", 7],
  ['"abc', 'Unterminated string starting at', 0],
  ['"a\\x"', 'Invalid \\escape', 2],
  ['"\\u12"', 'Invalid \\uXXXX escape', 2],
  ['"\\u12G4"', 'Invalid \\uXXXX escape', 2],
  ['"a\nb"', 'Invalid control character at', 2],
  ['[1] x', 'Extra data', 4],
  ['nul', 'Expecting value', 0],
  ['-', 'Expecting value', 0],
  ['01', 'Extra data', 1],
  ['1.', 'Extra data', 1],
  ['1e+', 'Extra data', 1],
  ['"\\ud83d\\u12"', 'Invalid \\uXXXX escape', 8],
  ['{"é":"é",', 'Expecting property name enclosed in double quotes', 9],
  ['"😀😀" x', 'Extra data', 5],
  ['{"a":1}}', 'Extra data', 7],
  ['"ab\\', 'Unterminated string starting at', 0],
  ['[-]', 'Expecting value', 1],
  ['{,}', 'Expecting property name enclosed in double quotes', 1],
  ['"\\ud800\\u"', 'Invalid \\uXXXX escape', 8],
  ['{"a":1,\n  }', 'Expecting property name enclosed in double quotes', 10],
];

const CPYTHON_FLOAT_REPR: [number, string][] = [
  [99.0, '99.0'],
  [12.5, '12.5'],
  [0.1, '0.1'],
  [1e16, '1e+16'],
  [1.5e-5, '1.5e-05'],
  [123456789012345.6, '123456789012345.6'],
  [0.0001, '0.0001'],
  [0.00012, '0.00012'],
  [-0, '-0.0'],
  [1e100, '1e+100'],
  [2.5e15, '2500000000000000.0'],
  [9007199254740992, '9007199254740992.0'],
  [5e-324, '5e-324'],
  [1.7976931348623157e308, '1.7976931348623157e+308'],
  [100, '100.0'],
  [1234567890123456, '1234567890123456.0'],
];

describe('Python json emulation', () => {
  it.each(CPYTHON_DECODE_ERRORS)('reports %j as CPython does', (text, message, position) => {
    expect(parsePythonJson(text)).toEqual({ ok: false, kind: 'decode-error', message, position });
  });

  it('reads what Python reads: NaN and Infinity, big ints exactly, floats as floats', () => {
    const result = parsePythonJson(
      '{"n": NaN, "i": -Infinity, "big": 99999999999999999999, "f": 1.0, "k": 7, "s": "\\ud83d\\ude00"}',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as Map<string, unknown>;
    expect((value.get('n') as PyFloat).value).toBeNaN();
    expect(value.get('i')).toEqual(new PyFloat(-Infinity));
    expect(value.get('big')).toBe(99999999999999999999n);
    expect(value.get('f')).toEqual(new PyFloat(1));
    expect(value.get('k')).toBe(7);
    expect(value.get('s')).toBe('😀');
  });

  it('keeps object keys in written order, numeric-looking ones too, the last duplicate winning', () => {
    const result = parsePythonJson('{"b": 1, "2": 2, "b": 3}');
    expect(result.ok && [...(result.value as Map<string, unknown>).entries()]).toEqual([
      ['b', 3],
      ['2', 2],
    ]);
  });

  it('refuses integers longer than Python converts, as a non-JSON error', () => {
    expect(parsePythonJson('9'.repeat(4301))).toMatchObject({ ok: false, kind: 'other-error' });
  });

  it.each(CPYTHON_FLOAT_REPR)('writes the float %d as Python repr %s', (value, repr) => {
    expect(pythonFloatRepr(value)).toBe(repr);
  });

  it('writes compact JSON and refuses what Python refuses to write', () => {
    expect(dumpPythonJson(pyDict({ a: [1, new PyFloat(2), 'é\n', null, true] }))).toBe(
      '{"a":[1,2.0,"é\\n",null,true]}',
    );
    expect(() => dumpPythonJson(new PyFloat(Infinity))).toThrow(/not JSON compliant/);
    expect(() => dumpPythonJson('\ud800')).toThrow();
  });
});
