/**
 * Where secrets live: the OS keychain, one entry per account name under one service name
 * ("dailies"). Values never go anywhere else: not the catalog, not logs, not the renderer.
 *
 * Every method rejects with a DailiesError; E_KEYCHAIN_UNAVAILABLE when the keychain cannot
 * be reached or is locked. No implementation may fall back to memory or to a file: the only
 * store kept in memory is the session store a host asks for by name (the demo), and it says
 * so through `source`.
 */
export interface SecretStore {
  /** What the API reports as the secrets' origin: the OS keychain, or a session-only store. */
  readonly source: 'keychain' | 'session';
  /** Names the keychain in messages: "the macOS Keychain", "the Secret Service". */
  readonly description: string;
  /** The value stored for this account, or null when there is none. */
  get(account: string): Promise<string | null>;
  /** Stores or replaces the value for this account. */
  set(account: string, value: string): Promise<void>;
  /** Removes the entry; resolves false when there was none to remove. */
  delete(account: string): Promise<boolean>;
  /** The account names stored under this service, sorted. Never the values. */
  list(): Promise<string[]>;
  /**
   * Proves the keychain can store and read back an entry right now (a locked or absent
   * keychain can still answer reads with "nothing stored"). Rejects with the reason.
   */
  checkAvailable(): Promise<void>;
}

/** The keychain service name every Dailies secret is stored under. */
export const DAILIES_SECRET_SERVICE = 'dailies';
