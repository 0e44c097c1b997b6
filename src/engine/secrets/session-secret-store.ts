import { dailiesError } from '../../shared/contract';
import type { SecretRedactor } from '../logging/redactor';
import type { SecretStore } from './secret-store';

export interface SessionSecretStoreOptions {
  redactor: SecretRedactor;
  /** Names the store in messages and in the UI, e.g. "the demo's memory (this run only)". */
  description: string;
}

/** The same bound as the keychain store: real tokens and keys are far shorter. */
const MAX_VALUE_LENGTH = 16 * 1024;

/**
 * Secrets held in this process's memory for one run, for a host that says so explicitly:
 * the demo, whose stand-ins take fresh credentials every run. It is never a fallback for a
 * keychain that cannot be reached; the API reports its secrets with the source `session`, so
 * the editor sees where they live. Nothing is written to disk.
 */
export class SessionSecretStore implements SecretStore {
  readonly source = 'session';
  readonly description: string;
  readonly #values = new Map<string, string>();
  readonly #redactor: SecretRedactor;

  constructor(options: SessionSecretStoreOptions) {
    this.#redactor = options.redactor;
    this.description = options.description;
  }

  get(account: string): Promise<string | null> {
    return Promise.resolve(this.#values.get(account) ?? null);
  }

  set(account: string, value: string): Promise<void> {
    if (value.length === 0) {
      return Promise.reject(
        dailiesError('E_VALIDATION', 'A secret cannot be empty; remove it instead.'),
      );
    }
    if (value.length > MAX_VALUE_LENGTH) {
      return Promise.reject(
        dailiesError('E_VALIDATION', 'That secret is too long to be a token or a key.'),
      );
    }
    this.#redactor.register(value);
    this.#values.set(account, value);
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.#values.delete(account));
  }

  list(): Promise<string[]> {
    return Promise.resolve([...this.#values.keys()].sort());
  }

  checkAvailable(): Promise<void> {
    return Promise.resolve();
  }
}
