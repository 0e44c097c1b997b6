/** Content ids are SQL integers on the platform: anything larger crashes it with a 500. */
export const CONTENT_ID_MIN = 1;
export const CONTENT_ID_MAX = 2_147_483_647;

export function isValidContentId(value: number): boolean {
  return Number.isInteger(value) && value >= CONTENT_ID_MIN && value <= CONTENT_ID_MAX;
}

/**
 * The platform reads a content id as the digits before the first `_` of the file name.
 * Returns null when there are none or they are out of the platform's range.
 */
export function contentIdFromFileName(fileName: string): number | null {
  const match = /^(\d+)_/.exec(fileName);
  if (!match?.[1]) return null;
  const value = Number(match[1]);
  return isValidContentId(value) ? value : null;
}
