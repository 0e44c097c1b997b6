import type { ConnectSync, SyncConnection } from './sync-connection';

/** Runs `fn` with a connection to the profile, closed however `fn` ends. */
export type WithConnection = <T>(
  profileId: string,
  fn: (connection: SyncConnection) => Promise<T>,
) => Promise<T>;

/**
 * The one place a sync entry point opens and closes a connection: a connection holds an S3
 * client and its sockets, so one left open by a failed call would leak them for good.
 */
export function connectionScope(connect: ConnectSync): WithConnection {
  return async (profileId, fn) => {
    const connection = await connect(profileId);
    try {
      return await fn(connection);
    } finally {
      connection.close();
    }
  };
}
