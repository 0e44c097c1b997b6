import { validateFloat, validateInt, validateString, type FieldResult } from './field-validators';
import { isPyDict, type PyValue } from './python-value';
import { at, issues, type ValidationIssue } from './validation-issue';

/**
 * The platform's request models (pydantic), field by field in declaration order, because
 * pydantic reports errors in that order and the 422 list must match.
 */
interface FieldSpec<T> {
  required: boolean;
  validate(input: PyValue): FieldResult<T>;
}

type ModelSpec = Record<string, FieldSpec<unknown>>;
export type ModelOf<S extends ModelSpec> = {
  [K in keyof S]: S[K] extends FieldSpec<infer T> ? T : never;
};

const required = <T>(validate: (input: PyValue) => FieldResult<T>): FieldSpec<T> => ({
  required: true,
  validate,
});

/** `Optional[X] = None`: absent or null both mean "not given". */
const optional = <T>(validate: (input: PyValue) => FieldResult<T>): FieldSpec<T | null> => ({
  required: false,
  validate: (input) => (input === null ? { ok: true, value: null } : validate(input)),
});

const title = (input: PyValue) => validateString(input, { minLength: 1, maxLength: 255 });
const anyString = (input: PyValue) => validateString(input);
const url = (input: PyValue) => validateString(input, { maxLength: 500 });

/** No length check: the recorded platform stores a 22-character age rating (see store). */
const ageRating = anyString;

export const ContentCreate = {
  title: required(title),
  description: optional(anyString),
  age_rating: optional(ageRating),
};

export const ContentUpdate = {
  title: optional(title),
  description: optional(anyString),
  age_rating: optional(ageRating),
};

export const VideoAssetCreate = {
  content_id: required((input) => validateInt(input)),
  video_url: required(url),
  thumbnail_url: optional(url),
  duration: optional((input) => validateFloat(input, { ge: 0 })),
  resolution: optional((input) => validateString(input, { maxLength: 20 })),
};

export const LoginRequest = {
  email: required(anyString),
  password: required(anyString),
};

export type ModelResult<S extends ModelSpec> =
  { ok: true; value: ModelOf<S> } | { ok: false; issues: ValidationIssue[] };

/** pydantic's model validation of an already parsed body; `loc` is where the body sits. */
export function validateModel<S extends ModelSpec>(
  spec: S,
  input: PyValue,
  loc: (string | number)[],
): ModelResult<S> {
  if (!isPyDict(input)) return { ok: false, issues: [at(loc, issues.modelAttributesType(input))] };
  const found: ValidationIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec)) {
    if (!input.has(name)) {
      if (field.required) found.push(at([...loc, name], issues.missing(input)));
      else value[name] = null;
      continue;
    }
    const result = field.validate(input.get(name) as PyValue);
    if (result.ok) value[name] = result.value;
    else found.push(at([...loc, name], result.issue));
  }
  if (found.length > 0) return { ok: false, issues: found };
  return { ok: true, value: value as ModelOf<S> };
}
