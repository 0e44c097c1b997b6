import type { z } from 'zod';

/**
 * Reads a JSON column through its contract schema. A value an older or newer version wrote
 * that no longer fits reads as null, so one odd row never breaks a list or the engine's start.
 */
export function parseStoredJson<S extends z.ZodType>(
  json: string | null,
  schema: S,
): z.output<S> | null {
  if (json === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
