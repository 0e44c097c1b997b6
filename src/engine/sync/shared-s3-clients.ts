import type { S3Client } from '@aws-sdk/client-s3';
import type { ProfileConfig } from '../../shared/contract/profiles';
import type { S3ClientCredentials } from '../storage/s3-client-factory';

/** A client lent to one connection; `release` once, when the connection closes. */
export interface LentS3Client {
  client: S3Client;
  release(): void;
}

interface Entry {
  fingerprint: string;
  client: Promise<S3Client>;
  /** Set once built, so the last close destroys it at once, as a connection's own did. */
  built?: S3Client;
  users: number;
}

/**
 * One S3 client per profile for the connections open at the same time, instead of one per
 * connection. Each sync job opens a connection, and a client of its own meant a new TCP (and
 * TLS) connection and the SDK's set-up per asset: on a batch of small files that was a sixth
 * of the uploader's CPU and a handshake per file (bench/suites/upload.ts). Shared, the jobs
 * of a batch reuse the client's kept-alive sockets.
 *
 * Counted, not cached: the client is destroyed when its last connection closes, so nothing
 * outlives the jobs (no sockets left open when the engine closes). A profile whose endpoint,
 * region, path style or keys changed gets a new client; the old one ends with its last user.
 */
/** What a client is built from besides the keys (a profile's config, or part of it). */
type ClientConfig = Pick<ProfileConfig, 'region' | 's3Endpoint' | 'forcePathStyle'>;

export class SharedS3Clients<C extends ClientConfig = ProfileConfig> {
  readonly #byProfile = new Map<string, Entry>();

  constructor(
    private readonly build: (config: C, keys: S3ClientCredentials) => Promise<S3Client>,
  ) {}

  async lend(profileId: string, config: C, keys: S3ClientCredentials): Promise<LentS3Client> {
    const fingerprint = JSON.stringify([
      config.region,
      config.s3Endpoint,
      config.forcePathStyle,
      keys.accessKeyId,
      keys.secretAccessKey,
      keys.sessionToken,
      keys.expiration?.getTime(),
    ]);
    let entry = this.#byProfile.get(profileId);
    if (!entry || entry.fingerprint !== fingerprint) {
      const building: Entry = { fingerprint, client: this.build(config, keys), users: 0 };
      building.client.then(
        (client) => (building.built = client),
        () => {},
      );
      entry = building;
      this.#byProfile.set(profileId, entry);
    }
    const lent = entry;
    lent.users += 1;
    let client: S3Client;
    try {
      client = await lent.client;
    } catch (error) {
      this.#drop(profileId, lent);
      throw error;
    }
    let released = false;
    return {
      client,
      release: () => {
        if (released) return;
        released = true;
        this.#drop(profileId, lent);
      },
    };
  }

  /** One user fewer; the last one destroys the client (and forgets it, unless replaced). */
  #drop(profileId: string, entry: Entry): void {
    entry.users -= 1;
    if (entry.users > 0) return;
    if (this.#byProfile.get(profileId) === entry) this.#byProfile.delete(profileId);
    if (entry.built) entry.built.destroy();
    else
      entry.client.then(
        (client) => client.destroy(),
        () => {},
      );
  }
}
