import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { S3ClientCredentials } from '../../src/engine/storage/s3-client-factory';
import { SharedS3Clients } from '../../src/engine/sync/shared-s3-clients';

/** The fields of a profile a client is built from. */
interface Config {
  region: string;
  s3Endpoint: string | null;
  forcePathStyle: boolean;
}
const config: Config = { region: 'eu-west-3', s3Endpoint: null, forcePathStyle: false };
const keys: S3ClientCredentials = { accessKeyId: 'AKIA1', secretAccessKey: 'secret-1' };

/** Real clients, each remembering whether it was destroyed (what would close its sockets). */
function builder() {
  const built: Array<{ client: S3Client; config: Config; destroyed: boolean }> = [];
  const build = async (config: Config, credentials: S3ClientCredentials) => {
    const client = new S3Client({ region: config.region, credentials });
    const entry = { client, config, destroyed: false };
    const destroy = client.destroy.bind(client);
    client.destroy = () => {
      entry.destroyed = true;
      destroy();
    };
    built.push(entry);
    return client;
  };
  return { built, build };
}

describe("a profile's S3 client shared by the connections open at once", () => {
  it('is built once for jobs running together and destroyed when the last one closes', async () => {
    const { built, build } = builder();
    const clients = new SharedS3Clients<Config>(build);
    const [first, second] = await Promise.all([
      clients.lend('p1', config, keys),
      clients.lend('p1', config, keys),
    ]);
    expect(second!.client).toBe(first!.client);
    expect(built).toHaveLength(1);

    first!.release();
    first!.release(); // a second close of the same connection changes nothing
    expect(built[0]!.destroyed).toBe(false);
    const third = await clients.lend('p1', config, keys);
    expect(third.client).toBe(first!.client);
    second!.release();
    third.release();
    expect(built[0]!.destroyed).toBe(true);

    // Nothing kept once all closed: the next job builds a fresh client.
    const later = await clients.lend('p1', config, keys);
    expect(later.client).not.toBe(first!.client);
    later.release();
    expect(built.map((entry) => entry.destroyed)).toEqual([true, true]);
  });

  it('gives new keys or a new endpoint a new client; the old one ends with its last job', async () => {
    const { built, build } = builder();
    const clients = new SharedS3Clients<Config>(build);
    const running = await clients.lend('p1', config, keys);
    const rotated = await clients.lend('p1', config, { ...keys, secretAccessKey: 'secret-2' });
    const moved = await clients.lend('p1', { ...config, s3Endpoint: 'http://127.0.0.1:9' }, keys);
    const other = await clients.lend('p2', config, keys);
    expect(new Set([running, rotated, moved, other].map((lent) => lent.client)).size).toBe(4);
    running.release();
    expect(built[0]!.destroyed).toBe(true);
    expect(built.slice(1).some((entry) => entry.destroyed)).toBe(false);
    for (const lent of [rotated, moved, other]) lent.release();
    expect(built.every((entry) => entry.destroyed)).toBe(true);
  });

  it('does not keep a client that could not be built', async () => {
    let attempts = 0;
    const clients = new SharedS3Clients<Config>(async (built: Config) => {
      attempts += 1;
      if (attempts === 1) throw new Error('the keychain is locked');
      return new S3Client({ region: built.region });
    });
    await expect(clients.lend('p1', config, keys)).rejects.toThrow('locked');
    const lent = await clients.lend('p1', config, keys);
    expect(attempts).toBe(2);
    lent.release();
  });
});
