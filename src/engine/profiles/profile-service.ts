import crypto from 'node:crypto';
import {
  dailiesError,
  profileConfigSchema,
  type Profile,
  type ProfileConfig,
  type ProfilePatch,
  type SecretKind,
  type SecretStatus,
  type SettableSecretKind,
} from '../../shared/contract';
import type { z } from 'zod';
import type { profileCreateSchema } from '../../shared/contract/profiles';
import type { ProfileRepository, ProfileRow } from '../catalog/repositories/profile-repository';
import type { Transact } from '../catalog/transact';
import type { Logger } from '../logging/logger';
import type { CredentialSources } from '../secrets/credential-sources';
import { secretAccount } from '../secrets/secret-accounts';
import type { SecretStore } from '../secrets/secret-store';
import { secretKindSchema } from '../../shared/contract/secrets';
import { isoNow, type Clock } from '../time/clock';

export type ProfileCreate = z.output<typeof profileCreateSchema>;

/** A stored profile as the engine uses it: its id, and its config checked by the contract. */
export interface StoredProfile {
  id: string;
  active: boolean;
  config: ProfileConfig;
  signIn: { email: string; expiresAt: string } | null;
}

export interface ProfileServiceOptions {
  repository: ProfileRepository;
  transact: Transact;
  store: SecretStore;
  credentials: CredentialSources;
  logger: Logger;
  clock: Clock;
  /**
   * Deletes what other parts keep under the profile's id (what its stores showed...), in the
   * same transaction as the profile, so a removed profile leaves nothing behind.
   */
  forgetProfile?: (profileId: string) => void;
}

/**
 * Upload profiles: their settings in the catalog, their secrets in the keychain (under the
 * profile's id, so a rename keeps them), one active at a time. Switching is a single write.
 */
export class ProfileService {
  constructor(private readonly options: ProfileServiceOptions) {}

  async list(): Promise<Profile[]> {
    const rows = this.options.repository.list();
    return Promise.all(rows.map((row) => this.#toProfile(row)));
  }

  async get(id: string): Promise<Profile> {
    return this.#toProfile(this.#row(id));
  }

  /** The profile with its checked config, for the services that use it. */
  stored(id: string): StoredProfile {
    return this.#stored(this.#row(id));
  }

  /** Every profile this version can read (the others are left out, not thrown on). */
  storedAll(): StoredProfile[] {
    return this.options.repository.list().flatMap((row) => {
      try {
        return [this.#stored(row)];
      } catch {
        return [];
      }
    });
  }

  /** The active profile, or null when none exists yet. */
  active(): StoredProfile | null {
    const row = this.options.repository.findActive();
    return row ? this.#stored(row) : null;
  }

  async create(input: ProfileCreate): Promise<Profile> {
    const config = profileConfigSchema.parse(input);
    this.#checkNameFree(config.name, null);
    const id = crypto.randomUUID();
    const at = isoNow(this.options.clock);
    this.options.transact(() => {
      // The first profile is the one to use; later ones wait until the editor switches.
      const first = this.options.repository.count() === 0;
      this.options.repository.insert({
        id,
        name: config.name,
        active: first,
        configJson: configJson(config),
        at,
      });
    });
    this.options.logger.info('profile created', { profileId: id, name: config.name });
    return this.get(id);
  }

  async update(id: string, patch: ProfilePatch): Promise<Profile> {
    const current = this.stored(id).config;
    // Checked as a whole: a new http endpoint is refused even when only it changed.
    const next = profileConfigSchema.parse({ ...current, ...patch });
    this.#checkNameFree(next.name, id);
    this.options.repository.updateConfig(
      id,
      next.name,
      configJson(next),
      isoNow(this.options.clock),
    );
    return this.get(id);
  }

  async activate(id: string): Promise<Profile> {
    this.#row(id);
    this.options.transact(() => this.options.repository.setActive(id));
    this.options.logger.info('profile activated', { profileId: id });
    return this.get(id);
  }

  /**
   * Deletes the profile's secrets from the keychain first: when the keychain cannot be
   * reached the profile stays, so no secret is left behind without a profile to find it by,
   * unless the editor asks to leave the entries (the answer then says they were left).
   */
  async remove(
    id: string,
    options: { leaveKeychainEntries?: boolean | undefined } = {},
  ): Promise<{
    removed: true;
    removedSecrets: SecretKind[];
    keychainEntriesLeft: boolean;
    activeId: string | null;
  }> {
    const row = this.#row(id);
    const removedSecrets: SecretKind[] = [];
    const keychainEntriesLeft = options.leaveKeychainEntries === true;
    for (const kind of keychainEntriesLeft ? [] : secretKindSchema.options) {
      if (await this.options.store.delete(secretAccount(id, kind))) removedSecrets.push(kind);
    }
    let activeId: string | null = null;
    this.options.transact(() => {
      this.options.repository.delete(id);
      this.options.forgetProfile?.(id);
      const remaining = this.options.repository.list();
      const active = remaining.find((profile) => profile.active);
      if (active) {
        activeId = active.id;
      } else if (remaining[0]) {
        // The active profile went: the oldest remaining one takes over, so uploads have a home.
        this.options.repository.setActive(remaining[0].id);
        activeId = remaining[0].id;
      }
    });
    this.options.logger.info('profile removed', {
      profileId: id,
      name: row.name,
      removedSecrets,
      keychainEntriesLeft,
    });
    return { removed: true, removedSecrets, keychainEntriesLeft, activeId };
  }

  async setSecret(
    profileId: string,
    kind: SettableSecretKind,
    value: string,
  ): Promise<{ kind: SecretKind; status: SecretStatus }> {
    this.#row(profileId);
    await this.options.store.set(secretAccount(profileId, kind), value);
    this.options.logger.info('secret stored', { profileId, kind });
    return { kind, status: await this.#status(profileId, kind) };
  }

  async clearSecret(
    profileId: string,
    kind: SettableSecretKind,
  ): Promise<{ kind: SecretKind; removed: boolean; status: SecretStatus }> {
    this.#row(profileId);
    const removed = await this.options.store.delete(secretAccount(profileId, kind));
    this.options.logger.info('secret removed', { profileId, kind, removed });
    return { kind, removed, status: await this.#status(profileId, kind) };
  }

  async #status(profileId: string, kind: SecretKind): Promise<SecretStatus> {
    return (await this.options.credentials.status(profileId))[kind];
  }

  #checkNameFree(name: string, exceptId: string | null): void {
    const other = this.options.repository.findByName(name);
    if (other && other.id !== exceptId) {
      throw dailiesError('E_CONFLICT', `There is already a profile named "${name}".`, {
        details: { fields: [{ path: 'name', message: 'Another profile has this name' }] },
      });
    }
  }

  #row(id: string): ProfileRow {
    const row = this.options.repository.find(id);
    if (!row) {
      throw dailiesError('E_NOT_FOUND', 'That profile does not exist (it may have been removed).', {
        details: { profileId: id },
      });
    }
    return row;
  }

  #stored(row: ProfileRow): StoredProfile {
    let raw: unknown;
    try {
      raw = JSON.parse(row.configJson) as unknown;
    } catch {
      raw = null;
    }
    const parsed = profileConfigSchema.safeParse({
      ...(raw !== null && typeof raw === 'object' ? raw : {}),
      name: row.name,
    });
    if (!parsed.success) {
      this.options.logger.error('stored profile does not fit the contract', {
        profileId: row.id,
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      });
      throw dailiesError(
        'E_CATALOG_CORRUPT',
        `The profile "${row.name}" was saved in a form this version of Dailies cannot read. ` +
          'Edit it again or remove it.',
        { details: { profileId: row.id } },
      );
    }
    return {
      id: row.id,
      active: row.active,
      config: parsed.data,
      signIn:
        row.signedInEmail && row.tokenExpiresAt
          ? { email: row.signedInEmail, expiresAt: row.tokenExpiresAt }
          : null,
    };
  }

  async #toProfile(row: ProfileRow): Promise<Profile> {
    const stored = this.#stored(row);
    const now = this.options.clock.now();
    return {
      id: row.id,
      active: row.active,
      ...stored.config,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      secrets: await this.options.credentials.status(row.id),
      signIn: stored.signIn
        ? { ...stored.signIn, expired: Date.parse(stored.signIn.expiresAt) <= now }
        : null,
    };
  }
}

/** The stored JSON: everything but the name, which has its own (unique) column. */
function configJson(config: ProfileConfig): string {
  const { name: _name, ...rest } = config;
  return JSON.stringify(rest);
}
