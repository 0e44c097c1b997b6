import { dailiesError, type DailiesApi, type Profile } from '../../shared/contract';

/**
 * The profile a command works under: the one named by id or name, else the active one.
 * Fails naming the fix when there is none.
 */
export async function resolveProfile(api: DailiesApi, word: string | undefined): Promise<Profile> {
  const profiles = await api.invoke('profiles.list', {});
  if (word !== undefined) {
    const found =
      profiles.find((profile) => profile.id === word) ??
      profiles.find((profile) => profile.name.toLowerCase() === word.toLowerCase());
    if (found) return found;
    const names = profiles.map((profile) => `"${profile.name}"`).join(', ') || 'none yet';
    throw dailiesError('E_NOT_FOUND', `No profile is named "${word}" (profiles: ${names}).`);
  }
  const active = profiles.find((profile) => profile.active);
  if (active) return active;
  throw dailiesError(
    'E_VALIDATION',
    'No upload profile yet: add one with "dailies profile add" (see "dailies profile --help").',
  );
}
