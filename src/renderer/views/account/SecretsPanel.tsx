import type { Profile, SettableSecretKind } from '../../../shared/contract';
import { secretStorage } from '../../store/secret-storage';
import { useDailies } from '../../store/store-context';
import { SecretRow } from './SecretRow';
import { secretsLede } from './secrets-wording';

const settable: SettableSecretKind[] = [
  'internal-token',
  's3-access-key-id',
  's3-secret-access-key',
];

const UNAVAILABLE_ID = 'secrets-unavailable';

/**
 * A profile's secrets: where they live, then one row per secret. When the keychain cannot be
 * asked, the engine's reason (what to start or unlock, or the variables a headless host reads
 * instead) is said here once, for all the rows.
 */
export function SecretsPanel({ profile }: { profile: Profile }) {
  const loadProfiles = useDailies((s) => s.loadProfiles);
  const loadAccountStatus = useDailies((s) => s.loadAccountStatus);
  const storage = secretStorage(profile.secrets);
  return (
    <section className="card" aria-labelledby="secrets-title">
      <h2 id="secrets-title">Secrets of {profile.name}</h2>
      <p className="section-lede">{secretsLede(storage)}</p>
      {storage.kind === 'unavailable' ? (
        <div className="secrets-unavailable">
          <p role="alert" id={UNAVAILABLE_ID} className="form-message form-message-bad">
            {storage.reason}
          </p>
          {/* Once the keyring is started or unlocked, the editor should not have to reload. */}
          <button
            type="button"
            className="button"
            onClick={() => {
              void loadProfiles();
              void loadAccountStatus(profile.id);
            }}
          >
            Check the keychain again
          </button>
        </div>
      ) : null}
      {settable.map((kind) => (
        <SecretRow
          key={kind}
          profile={profile}
          kind={kind}
          storage={storage}
          unavailableId={UNAVAILABLE_ID}
        />
      ))}
    </section>
  );
}
