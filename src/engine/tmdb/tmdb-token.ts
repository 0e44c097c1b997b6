import { isDailiesError, type SecretStatus } from '../../shared/contract';
import { maskSecret } from '../../shared/mask-secret';
import type { SecretRedactor } from '../logging/redactor';
import type { SecretStore } from '../secrets/secret-store';

export const TMDB_TOKEN_ENV = 'DAILIES_TMDB_TOKEN';
/** The keychain account: one token for the whole app (TMDB is not tied to an upload profile). */
export const TMDB_TOKEN_ACCOUNT = 'tmdb/token';

export interface TmdbTokenOptions {
  store: SecretStore;
  redactor: SecretRedactor;
  env: NodeJS.ProcessEnv;
  /** The CLI and servers read DAILIES_TMDB_TOKEN before the keychain; the desktop app does not. */
  headless: boolean;
}

interface ResolvedToken {
  value: string;
  status: SecretStatus & { state: 'set' };
}

/**
 * The TMDB read access token (v4) or API key (v3): from the environment (headless hosts),
 * else the keychain. Every value seen is registered with the redactor, so no log shows it.
 */
export class TmdbToken {
  constructor(private readonly options: TmdbTokenOptions) {}

  async value(): Promise<string | null> {
    return (await this.#resolve())?.value ?? null;
  }

  async status(): Promise<SecretStatus> {
    try {
      return (await this.#resolve())?.status ?? { state: 'not-set' };
    } catch (error) {
      if (isDailiesError(error) && error.code === 'E_KEYCHAIN_UNAVAILABLE') {
        return { state: 'unavailable', reason: error.message };
      }
      throw error;
    }
  }

  async set(value: string): Promise<SecretStatus> {
    this.options.redactor.register(value);
    await this.options.store.set(TMDB_TOKEN_ACCOUNT, value);
    return this.status();
  }

  async clear(): Promise<boolean> {
    return this.options.store.delete(TMDB_TOKEN_ACCOUNT);
  }

  async #resolve(): Promise<ResolvedToken | null> {
    const fromEnv = this.options.headless ? this.options.env[TMDB_TOKEN_ENV]?.trim() : undefined;
    if (fromEnv) {
      return this.#found(fromEnv, 'environment', TMDB_TOKEN_ENV);
    }
    const stored = await this.options.store.get(TMDB_TOKEN_ACCOUNT);
    if (stored === null) return null;
    return this.#found(stored, this.options.store.source, this.options.store.description);
  }

  #found(
    value: string,
    source: 'environment' | 'keychain' | 'session',
    origin: string,
  ): ResolvedToken {
    this.options.redactor.register(value);
    return { value, status: { state: 'set', source, origin, masked: maskSecret(value) } };
  }
}
