import crypto from 'node:crypto';
import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';
import type * as KeyringBindingModule from './keyring-binding';
import { dailiesError, type DailiesError } from '../../shared/contract';
import type { SecretRedactor } from '../logging/redactor';
import { DAILIES_SECRET_SERVICE, type SecretStore } from './secret-store';
import { probeSessionBus, sessionBusSocket } from './session-bus-probe';

type KeyringBinding = typeof KeyringBindingModule;
let binding: Promise<KeyringBinding> | undefined;
/** The native binding, loaded on the first keychain operation (see keyring-binding.ts). */
function loadBinding(): Promise<KeyringBinding> {
  binding ??= import('./keyring-binding');
  return binding;
}

export interface KeyringSecretStoreOptions {
  redactor: SecretRedactor;
  /** The keychain service name; tests use a unique one. */
  service?: string;
  /**
   * Chooses the wording of messages, and on Linux the session-bus check below; the binding
   * itself picks the platform's keychain.
   */
  platform?: NodeJS.Platform;
  /** Where the session bus's address is read (DBUS_SESSION_BUS_ADDRESS); process.env if absent. */
  env?: NodeJS.ProcessEnv;
}

/** How long the session bus may take to answer its handshake before it counts as hung. */
const BUS_ANSWER_MS = 3_000;

type Operation = 'get' | 'set' | 'delete' | 'list' | 'check';

/** The longest value we store: real tokens and keys are far shorter; this keeps junk out. */
const MAX_VALUE_LENGTH = 16 * 1024;
const PROBE_PREFIX = 'dailies-keychain-probe/';

/**
 * The OS keychain through @napi-rs/keyring: the macOS Keychain, the Windows Credential
 * Manager, or the Secret Service (gnome-keyring, KWallet) on Linux. On Linux the entry is
 * pinned to the Secret Service: the binding's default would otherwise fall back to the
 * kernel keyring, which forgets everything at reboot. Values read or written are registered
 * with the redactor so that logs mask them wherever they appear.
 */
export class KeyringSecretStore implements SecretStore {
  readonly source = 'keychain';
  readonly description: string;
  readonly #service: string;
  readonly #redactor: SecretRedactor;
  readonly #platform: NodeJS.Platform;
  readonly #entryOptions: EntryOptions = { linux: { store: 'secret-service' } };
  readonly #env: NodeJS.ProcessEnv;

  constructor(options: KeyringSecretStoreOptions) {
    this.#service = options.service ?? DAILIES_SECRET_SERVICE;
    this.#redactor = options.redactor;
    this.#platform = options.platform ?? process.platform;
    this.#env = options.env ?? process.env;
    this.description = keychainName(this.#platform);
  }

  async get(account: string): Promise<string | null> {
    checkAccount(account);
    const value = await this.#run('get', account, (entry) => entry.getPassword());
    if (value !== null) this.#redactor.register(value);
    return value;
  }

  async set(account: string, value: string): Promise<void> {
    checkAccount(account);
    if (value.length === 0) {
      throw dailiesError('E_VALIDATION', 'A secret cannot be empty; remove it instead.');
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw dailiesError('E_VALIDATION', 'That secret is too long to be a token or a key.');
    }
    this.#redactor.register(value);
    await this.#run('set', account, (entry) => entry.setPassword(value), value);
  }

  async delete(account: string): Promise<boolean> {
    checkAccount(account);
    return this.#run('delete', account, (entry) => entry.deleteCredential());
  }

  async list(): Promise<string[]> {
    let credentials: { account: string }[];
    try {
      await this.#requireLiveBus();
      const { findCredentialsAsync } = await loadBinding();
      credentials = await findCredentialsAsync(this.#service);
    } catch (error) {
      throw this.#failure('list', null, error);
    }
    // The binding hands back the values too; only the names leave this method.
    const accounts = credentials
      .map((credential) => credential.account)
      .filter((account) => !account.startsWith(PROBE_PREFIX));
    return [...new Set(accounts)].sort();
  }

  async checkAvailable(): Promise<void> {
    // A unique account and value each time, so two processes probing at once cannot collide.
    const nonce = `${process.pid}-${crypto.randomUUID()}`;
    await this.#run('check', `${PROBE_PREFIX}${nonce}`, async (entry) => {
      await entry.setPassword(`probe-${nonce}`);
      const back = await entry.getPassword();
      await entry.deleteCredential();
      if (back !== `probe-${nonce}`) {
        throw new Error('the keychain did not return what was just stored');
      }
    });
  }

  async #run<T>(
    operation: Operation,
    account: string,
    action: (entry: AsyncEntry) => Promise<T>,
    secret?: string,
  ): Promise<T> {
    try {
      await this.#requireLiveBus();
      const { AsyncEntry } = await loadBinding();
      // On Linux the constructor already connects to D-Bus, so it can throw too.
      const entry = new AsyncEntry(this.#service, account, this.#entryOptions);
      return await action(entry);
    } catch (error) {
      throw this.#failure(operation, account, error, secret);
    }
  }

  /**
   * On Linux, the session bus must answer before the binding is called: the binding connects
   * to it on this thread with no time limit, so a hung bus would freeze the engine (see
   * session-bus-probe.ts). A bus that is simply absent is left to the binding to report.
   */
  async #requireLiveBus(): Promise<void> {
    if (this.#platform !== 'linux' || process.platform !== 'linux') return;
    const uid = process.getuid?.() ?? 0;
    const socket = sessionBusSocket(this.#env, uid);
    if (socket === null) return;
    if ((await probeSessionBus(socket, uid, BUS_ANSWER_MS)) === 'silent') {
      throw new Error(
        `the D-Bus session bus (${socket.replace('\0', '@')}) did not answer within ${BUS_ANSWER_MS / 1000} s`,
      );
    }
  }

  #failure(
    operation: Operation,
    account: string | null,
    error: unknown,
    secret?: string,
  ): DailiesError {
    let cause = error instanceof Error ? error.message : String(error);
    // The binding's messages carry no values, but a message is no place to bet on that.
    if (secret !== undefined) cause = cause.split(secret).join('***');
    cause = String(this.#redactor.redact(cause));
    const details = { operation, service: this.#service, ...(account ? { account } : {}), cause };

    if (/longer than|too long|is invalid|cannot be UTF-8/i.test(cause)) {
      return dailiesError('E_VALIDATION', `${this.description} refused that entry: ${cause}`, {
        details,
      });
    }
    if (/matched by \d+ credentials|ambiguous/i.test(cause)) {
      return dailiesError(
        'E_CONFLICT',
        `${this.description} holds more than one entry for "${account}"; remove the extra ` +
          'ones in your keychain manager and try again.',
        { details },
      );
    }
    return dailiesError('E_KEYCHAIN_UNAVAILABLE', unavailableMessage(this.#platform), {
      details,
    });
  }
}

function checkAccount(account: string): void {
  if (account.length === 0 || account.length > 200) {
    throw dailiesError('E_VALIDATION', 'A keychain account name is 1-200 characters.');
  }
}

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return 'the Secret Service';
}

const headlessHint =
  'To run without a keychain (a server, a script), give the secrets through the environment ' +
  'instead: DAILIES_INTERNAL_TOKEN, and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE.';

/** What the editor reads. It names what to install or unlock, and never quotes a value. */
function unavailableMessage(platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return `Dailies cannot use the macOS Keychain. Unlock your login keychain (Keychain Access) and try again. ${headlessHint}`;
  }
  if (platform === 'win32') {
    return `Dailies cannot use the Windows Credential Manager. Sign in to Windows with your own account and try again. ${headlessHint}`;
  }
  return (
    'Dailies cannot use the system keychain: no Secret Service answered on the D-Bus session ' +
    'bus, or its keyring is locked. Install and start a keyring (gnome-keyring or KWallet) in ' +
    `your desktop session and unlock it, then try again. Dailies never falls back to keeping secrets in a plain file or in memory. ${headlessHint}`
  );
}
