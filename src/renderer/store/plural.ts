/** "1 job", "3 jobs": counts in notices, for nouns that take an s. */
export const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
