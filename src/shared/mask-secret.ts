/** What a masked secret starts with; also what a set secret too short to show a tail looks like. */
export const SECRET_MASK = '••••';

/**
 * The most of a secret that may ever be shown: a fixed mask and, for long values only, the
 * last four characters, so an editor can tell which key is stored without it being readable.
 * The mask never reveals the length. Short values show no tail: four characters of a short
 * secret are too much of it.
 */
export function maskSecret(value: string): string {
  const characters = Array.from(value);
  if (characters.length < 12) return SECRET_MASK;
  return `${SECRET_MASK}${characters.slice(-4).join('')}`;
}
