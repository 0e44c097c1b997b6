/**
 * The values a Python JSON body turns into on the platform, kept apart where JavaScript would
 * merge them: the platform's validation treats `1` and `1.0` differently (an `int` field takes
 * both, but echoes them back as written), integers have no size limit, and object keys keep
 * their written order even when they look like numbers.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * A body sent without a JSON content type: FastAPI validates the raw bytes, and echoes them
 * in an error as text (failing with a 500 when they are not UTF-8).
 */
export class PyBytes {
  constructor(readonly bytes: Buffer) {}
}

/** A Python `dict` decoded from JSON: insertion-ordered, string keys. */
export type PyDict = Map<string, PyValue>;

/**
 * What `json.loads` produces: `number` is a Python int that fits a double exactly, `bigint` a
 * larger one, `PyFloat` a Python float.
 */
export type PyValue =
  null | boolean | string | number | bigint | PyFloat | PyBytes | PyValue[] | PyDict;

export function isPyDict(value: PyValue): value is PyDict {
  return value instanceof Map;
}

/** Builds a response object with keys in the order the platform writes them. */
export function pyDict(entries: Record<string, PyValue>): PyDict {
  return new Map(Object.entries(entries));
}

/** A stored number the platform keeps in a float column (duration, a `ge` bound). */
export function pyFloatOrNull(value: number | null): PyFloat | null {
  return value === null ? null : new PyFloat(value);
}
