import type { Profile, SettableSecretKind } from '../../../shared/contract';
import { SecretRow } from './SecretRow';

const settable: SettableSecretKind[] = [
  'internal-token',
  's3-access-key-id',
  's3-secret-access-key',
];

export function SecretsPanel({ profile }: { profile: Profile }) {
  return (
    <section className="card" aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets of {profile.name}</h2>
      <p className="section-lede">
        Kept in the system keychain only; Dailies shows at most the last four characters.
      </p>
      {settable.map((kind) => (
        <SecretRow key={kind} profile={profile} kind={kind} />
      ))}
    </section>
  );
}
