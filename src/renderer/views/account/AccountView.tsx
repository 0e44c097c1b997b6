import { useState } from 'react';
import { secretStorage, storagePlace } from '../../store/secret-storage';
import { useDailies } from '../../store/store-context';
import { ConnectionPanel } from './ConnectionPanel';
import { SecretsPanel } from './SecretsPanel';
import { SignInPanel } from './SignInPanel';
import { EmptyState } from './EmptyState';
import { ProfileForm } from './ProfileForm';
import { TmdbTokenPanel } from './TmdbTokenPanel';
import { ViewHeader } from '../../components/ViewHeader';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; id: string };

/** Upload profiles: which is active, their settings, secrets, sign-in and connection. */
export function AccountView() {
  const profiles = useDailies((s) => s.profiles);
  const loadError = useDailies((s) => s.profilesError);
  const notice = useDailies((s) => s.accountNotice);
  const activate = useDailies((s) => s.activateProfile);
  const remove = useDailies((s) => s.removeProfile);
  const blockedByKeychain = useDailies((s) => s.removalBlockedByKeychain);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });

  const selected =
    profiles?.find((p) => p.id === selectedId) ??
    profiles?.find((p) => p.active) ??
    profiles?.[0] ??
    null;
  const editingProfile =
    editing.kind === 'edit' ? (profiles?.find((p) => p.id === editing.id) ?? null) : null;

  return (
    <>
      <ViewHeader title="Account">Where your uploads go, and who they go as.</ViewHeader>
      <div className="account-view">
        {notice ? (
          <p
            role={notice.tone === 'bad' ? 'alert' : 'status'}
            className={`form-message form-message-${notice.tone}`}
          >
            {notice.text}
          </p>
        ) : null}
        {loadError ? (
          <p role="alert" className="form-message form-message-bad">
            {loadError}
          </p>
        ) : null}
        {profiles === null ? (
          <p className="muted">Loading profiles…</p>
        ) : editing.kind !== 'none' ? (
          <ProfileForm
            key={editing.kind === 'edit' ? editing.id : 'new'}
            profile={editingProfile}
            onDone={() => setEditing({ kind: 'none' })}
          />
        ) : profiles.length === 0 ? (
          <EmptyState
            icon="account"
            title="No upload profile"
            action={
              <button
                type="button"
                className="button button-primary"
                onClick={() => setEditing({ kind: 'new' })}
              >
                New profile
              </button>
            }
          >
            Create a profile with the platform address and the bucket to upload to. Until then
            Dailies works offline only.
          </EmptyState>
        ) : (
          <>
            <section className="card" aria-labelledby="profiles-title">
              <h2 id="profiles-title">Profiles</h2>
              <ul className="profile-list">
                {profiles.map((profile) => (
                  <li
                    key={profile.id}
                    className={profile.id === selected?.id ? 'profile-selected' : undefined}
                  >
                    <button
                      type="button"
                      className="button profile-name"
                      aria-pressed={profile.id === selected?.id}
                      onClick={() => setSelectedId(profile.id)}
                    >
                      {profile.name}
                    </button>
                    <span className="profile-where muted">
                      {profile.bucket} · {profile.apiBaseUrl}
                    </span>
                    {profile.active ? (
                      <strong className="profile-active">Active</strong>
                    ) : (
                      <button
                        type="button"
                        className="button"
                        onClick={() => void activate(profile.id)}
                      >
                        Use this profile
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  onClick={() => setEditing({ kind: 'new' })}
                >
                  New profile
                </button>
                {selected ? (
                  <>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setEditing({ kind: 'edit', id: selected.id })}
                    >
                      Edit {selected.name}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        if (
                          window.confirm(
                            `Remove "${selected.name}" and delete its secrets from ${storagePlace(secretStorage(selected.secrets))}?`,
                          )
                        ) {
                          void remove(selected.id);
                        }
                      }}
                    >
                      Remove {selected.name}
                    </button>
                    {blockedByKeychain === selected.id ? (
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          if (
                            window.confirm(
                              `Remove "${selected.name}" now and leave its secrets in the keychain? You can delete them there yourself later.`,
                            )
                          ) {
                            void remove(selected.id, true);
                          }
                        }}
                      >
                        Remove and leave its keychain entries
                      </button>
                    ) : null}
                  </>
                ) : null}
              </div>
            </section>
            {selected ? (
              <>
                <SignInPanel key={`signin-${selected.id}`} profile={selected} />
                {/* Keyed so a half-typed secret never carries over to another profile. */}
                <SecretsPanel key={`secrets-${selected.id}`} profile={selected} />
                <ConnectionPanel profile={selected} />
              </>
            ) : null}
          </>
        )}
        {editing.kind === 'none' ? (
          <TmdbTokenPanel secretsShown={selected !== null && (profiles?.length ?? 0) > 0} />
        ) : null}
      </div>
    </>
  );
}
