import { PyFloat, pyDict, type PyDict, type PyValue } from './python-value';

/**
 * One entry of a 422 `detail` list, as pydantic 2 reports it and FastAPI forwards it:
 * `{type, loc, msg, input, ctx?, url?}` in that key order.
 */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: PyValue;
  ctx?: PyDict;
  /** False for the errors FastAPI writes itself (json_invalid), which carry no docs link. */
  withUrl?: boolean;
}

/** The pydantic release of the recorded platform; its error links name it. */
export const PYDANTIC_DOCS_VERSION = '2.13';

/** An issue found by a field validator, before the caller knows where the field sits. */
export type FieldIssue = Omit<ValidationIssue, 'loc'>;

export function issueToPy(issue: ValidationIssue): PyDict {
  const entry = pyDict({ type: issue.type, loc: issue.loc, msg: issue.msg, input: issue.input });
  if (issue.ctx) entry.set('ctx', issue.ctx);
  if (issue.withUrl !== false)
    entry.set('url', `https://errors.pydantic.dev/${PYDANTIC_DOCS_VERSION}/v/${issue.type}`);
  return entry;
}

export function at(loc: (string | number)[], issue: FieldIssue): ValidationIssue {
  return { ...issue, loc };
}

const plural = (n: number) => (n === 1 ? '' : 's');
/** pydantic shows a bound without a trailing `.0` in the message but keeps the type in ctx. */
const bound = (value: number | PyFloat) => String(value instanceof PyFloat ? value.value : value);

export const issues = {
  missing: (input: PyValue): FieldIssue => ({ type: 'missing', msg: 'Field required', input }),
  stringType: (input: PyValue): FieldIssue => ({
    type: 'string_type',
    msg: 'Input should be a valid string',
    input,
  }),
  stringTooShort: (input: PyValue, minLength: number): FieldIssue => ({
    type: 'string_too_short',
    msg: `String should have at least ${minLength} character${plural(minLength)}`,
    input,
    ctx: pyDict({ min_length: minLength }),
  }),
  stringTooLong: (input: PyValue, maxLength: number): FieldIssue => ({
    type: 'string_too_long',
    msg: `String should have at most ${maxLength} character${plural(maxLength)}`,
    input,
    ctx: pyDict({ max_length: maxLength }),
  }),
  intType: (input: PyValue): FieldIssue => ({
    type: 'int_type',
    msg: 'Input should be a valid integer',
    input,
  }),
  intParsing: (input: PyValue): FieldIssue => ({
    type: 'int_parsing',
    msg: 'Input should be a valid integer, unable to parse string as an integer',
    input,
  }),
  intParsingSize: (input: PyValue): FieldIssue => ({
    type: 'int_parsing_size',
    msg: 'Unable to parse input string as an integer, exceeded maximum size',
    input,
  }),
  intFromFloat: (input: PyValue): FieldIssue => ({
    type: 'int_from_float',
    msg: 'Input should be a valid integer, got a number with a fractional part',
    input,
  }),
  finiteNumber: (input: PyValue): FieldIssue => ({
    type: 'finite_number',
    msg: 'Input should be a finite number',
    input,
  }),
  floatType: (input: PyValue): FieldIssue => ({
    type: 'float_type',
    msg: 'Input should be a valid number',
    input,
  }),
  floatParsing: (input: PyValue): FieldIssue => ({
    type: 'float_parsing',
    msg: 'Input should be a valid number, unable to parse string as a number',
    input,
  }),
  greaterThanEqual: (input: PyValue, ge: number | PyFloat): FieldIssue => ({
    type: 'greater_than_equal',
    msg: `Input should be greater than or equal to ${bound(ge)}`,
    input,
    ctx: pyDict({ ge }),
  }),
  lessThanEqual: (input: PyValue, le: number | PyFloat): FieldIssue => ({
    type: 'less_than_equal',
    msg: `Input should be less than or equal to ${bound(le)}`,
    input,
    ctx: pyDict({ le }),
  }),
  modelAttributesType: (input: PyValue): FieldIssue => ({
    type: 'model_attributes_type',
    msg: 'Input should be a valid dictionary or object to extract fields from',
    input,
  }),
  /** FastAPI's own error for a body that is not JSON; position in code points. */
  jsonInvalid: (position: number, error: string): ValidationIssue => ({
    type: 'json_invalid',
    loc: ['body', position],
    msg: 'JSON decode error',
    input: new Map(),
    ctx: pyDict({ error }),
    withUrl: false,
  }),
};
