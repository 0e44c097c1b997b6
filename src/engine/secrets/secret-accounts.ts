import { secretKindSchema, type SecretKind } from '../../shared/contract/secrets';

/**
 * The keychain account name of one secret of one profile, e.g. "profile/3/internal-token".
 * Profile ids are stable, so renaming a profile keeps its secrets.
 */
export function secretAccount(profileId: string, kind: SecretKind): string {
  return `profile/${profileId}/${kind}`;
}

/** Every account a profile may hold, for removing all of them when the profile goes. */
export function profileSecretAccounts(profileId: string): string[] {
  return secretKindSchema.options.map((kind) => secretAccount(profileId, kind));
}
