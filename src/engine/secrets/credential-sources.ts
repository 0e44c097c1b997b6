import { dailiesError, isDailiesError } from '../../shared/contract';
import type { SecretKind, SecretSource, SecretStatus } from '../../shared/contract/secrets';
import { maskSecret } from '../../shared/mask-secret';
import type { Logger } from '../logging/logger';
import type { SecretRedactor } from '../logging/redactor';
import { resolveAwsProfile } from './aws-profile-credentials';
import { secretAccount } from './secret-accounts';
import type { SecretStore } from './secret-store';

export interface CredentialSourcesOptions {
  store: SecretStore;
  redactor: SecretRedactor;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /**
   * The CLI and servers (true) honour the environment and the AWS chain before the keychain.
   * The desktop app (false) uses only the keys the editor stored for the profile, so a stray
   * variable in a login shell cannot send one profile's uploads with another account's keys.
   */
  headless: boolean;
}

/** A secret in use, and where it came from (for "set from ..." in the UI and the CLI). */
export interface ResolvedSecret {
  value: string;
  source: SecretSource;
  /** e.g. "DAILIES_INTERNAL_TOKEN", "AWS_PROFILE=media", "the Secret Service". */
  origin: string;
}

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  source: SecretSource;
  origin: string;
}

export const INTERNAL_TOKEN_ENV = 'DAILIES_INTERNAL_TOKEN';

/**
 * Finds the secrets a profile's work needs. Headless order of precedence:
 *   internal token: DAILIES_INTERNAL_TOKEN, then the keychain;
 *   S3 keys: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), then
 *     AWS_PROFILE from the AWS shared credentials/config files, then the keychain;
 *   platform access token: the keychain only (sign-in puts it there).
 * Every value found is registered with the redactor, so logs mask it.
 */
export class CredentialSources {
  readonly #options: CredentialSourcesOptions;

  constructor(options: CredentialSourcesOptions) {
    this.#options = options;
  }

  async internalToken(profileId: string): Promise<ResolvedSecret | null> {
    if (this.#options.headless) {
      const fromEnv = this.#env(INTERNAL_TOKEN_ENV);
      if (fromEnv !== null) {
        return this.#found({ value: fromEnv, source: 'environment', origin: INTERNAL_TOKEN_ENV });
      }
    }
    return this.#fromKeychain(profileId, 'internal-token');
  }

  async platformAccessToken(profileId: string): Promise<ResolvedSecret | null> {
    return this.#fromKeychain(profileId, 'platform-access-token');
  }

  /** The S3 keys to use, or null when none are configured anywhere. */
  async s3Credentials(profileId: string): Promise<S3Credentials | null> {
    if (this.#options.headless) {
      const outside = await this.#s3FromOutside();
      if (outside !== null) return outside;
    }
    const [id, secret] = await Promise.all([
      this.#fromKeychain(profileId, 's3-access-key-id'),
      this.#fromKeychain(profileId, 's3-secret-access-key'),
    ]);
    if (id === null && secret === null) return null;
    if (id === null || secret === null) {
      throw dailiesError(
        'E_S3_AUTH',
        `Only the S3 ${id === null ? 'secret access key' : 'access key id'} is stored for this ` +
          'profile. Enter both the access key id and the secret access key.',
        { details: { profileId } },
      );
    }
    return {
      accessKeyId: id.value,
      secretAccessKey: secret.value,
      source: id.source,
      origin: id.origin,
    };
  }

  /**
   * What the API may say about each of a profile's secrets: set or not, where from, masked.
   * A keychain that cannot be asked shows as "unavailable" with the reason, per secret, so a
   * server that takes everything from the environment still gets a useful answer.
   */
  async status(profileId: string): Promise<Record<SecretKind, SecretStatus>> {
    const outside = this.#options.headless ? await this.#s3FromOutside() : null;
    const fromOutside = (value: string | undefined): ResolvedSecret | null =>
      outside && value ? { value, source: outside.source, origin: outside.origin } : null;
    const [internal, platform, keyId, keySecret] = await Promise.all([
      statusOf(() => this.internalToken(profileId)),
      statusOf(() => this.platformAccessToken(profileId)),
      statusOf(async () =>
        outside
          ? fromOutside(outside.accessKeyId)
          : this.#fromKeychain(profileId, 's3-access-key-id'),
      ),
      statusOf(async () =>
        outside
          ? fromOutside(outside.secretAccessKey)
          : this.#fromKeychain(profileId, 's3-secret-access-key'),
      ),
    ]);
    return {
      'internal-token': internal,
      'platform-access-token': platform,
      's3-access-key-id': keyId,
      's3-secret-access-key': keySecret,
    };
  }

  /** The AWS side of the chain: environment keys, then a named profile. */
  async #s3FromOutside(): Promise<S3Credentials | null> {
    const id = this.#env('AWS_ACCESS_KEY_ID');
    const secret = this.#env('AWS_SECRET_ACCESS_KEY');
    const profile = this.#env('AWS_PROFILE');
    if (id !== null || secret !== null) {
      if (id === null || secret === null) {
        throw dailiesError(
          'E_S3_AUTH',
          `${id === null ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'} is set but ` +
            `${id === null ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is not. Set both, or neither.`,
        );
      }
      if (profile !== null) {
        this.#options.logger.warn(
          'AWS_ACCESS_KEY_ID and AWS_PROFILE are both set; using the keys from the environment',
          { awsProfile: profile },
        );
      }
      const sessionToken = this.#env('AWS_SESSION_TOKEN');
      const expiration = parseDate(this.#env('AWS_CREDENTIAL_EXPIRATION'));
      return this.#foundS3({
        accessKeyId: id,
        secretAccessKey: secret,
        ...(sessionToken ? { sessionToken } : {}),
        ...(expiration ? { expiration } : {}),
        source: 'environment',
        origin: 'AWS_ACCESS_KEY_ID',
      });
    }
    if (profile !== null) {
      const keys = await resolveAwsProfile(profile, this.#options.env);
      return this.#foundS3({ ...keys, source: 'aws-profile', origin: `AWS_PROFILE=${profile}` });
    }
    return null;
  }

  async #fromKeychain(profileId: string, kind: SecretKind): Promise<ResolvedSecret | null> {
    // The store registers what it reads with the redactor itself.
    const value = await this.#options.store.get(secretAccount(profileId, kind));
    return value === null
      ? null
      : { value, source: this.#options.store.source, origin: this.#options.store.description };
  }

  #env(name: string): string | null {
    const value = this.#options.env[name]?.trim();
    return value ? value : null;
  }

  #found(secret: ResolvedSecret): ResolvedSecret {
    this.#options.redactor.register(secret.value);
    return secret;
  }

  #foundS3(credentials: S3Credentials): S3Credentials {
    for (const value of [
      credentials.accessKeyId,
      credentials.secretAccessKey,
      credentials.sessionToken,
    ]) {
      if (value) this.#options.redactor.register(value);
    }
    return credentials;
  }
}

async function statusOf(find: () => Promise<ResolvedSecret | null>): Promise<SecretStatus> {
  let secret: ResolvedSecret | null;
  try {
    secret = await find();
  } catch (error) {
    if (isDailiesError(error) && error.code === 'E_KEYCHAIN_UNAVAILABLE') {
      return { state: 'unavailable', reason: error.message };
    }
    throw error;
  }
  return secret === null
    ? { state: 'not-set' }
    : {
        state: 'set',
        source: secret.source,
        origin: secret.origin,
        masked: maskSecret(secret.value),
      };
}

function parseDate(text: string | null): Date | null {
  if (text === null) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
