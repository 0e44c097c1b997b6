import type { SyncConflict } from '../../shared/contract/sync';
import type { PlatformContent } from '../platform/platform-schemas';

/** The platform's copy of the fields Dailies sends, as it stood after our last sync. */
export interface RemoteSnapshot {
  title: string;
  description: string | null;
  age_rating: string | null;
}

export interface OurMetadata {
  title: string;
  description: string;
  ageRating: string;
}

type ConflictField = SyncConflict['fields'][number];

export function snapshotOf(content: PlatformContent): RemoteSnapshot {
  return { title: content.title, description: content.description, age_rating: content.age_rating };
}

export function parseSnapshot(json: string | null): RemoteSnapshot | null {
  if (json === null) return null;
  try {
    const value = JSON.parse(json) as Partial<RemoteSnapshot>;
    return typeof value.title === 'string'
      ? {
          title: value.title,
          description: value.description ?? null,
          age_rating: value.age_rating ?? null,
        }
      : null;
  } catch {
    return null;
  }
}

/**
 * The fields the platform changed since `base` (our last sync), with our value beside each.
 * Empty when nothing changed remotely. An empty description and null are the same text.
 */
export function remoteChanges(
  base: RemoteSnapshot,
  remote: RemoteSnapshot,
  ours: OurMetadata,
): ConflictField[] {
  const pairs: Array<[ConflictField['field'], string | null, string | null, string]> = [
    ['title', base.title, remote.title, ours.title],
    ['description', base.description, remote.description, ours.description],
    ['ageRating', base.age_rating, remote.age_rating, ours.ageRating],
  ];
  return pairs
    .filter(([, was, now]) => (was ?? '') !== (now ?? ''))
    .map(([field, was, now, mine]) => ({ field, base: was, theirs: now, ours: mine }));
}

/** Whether the catalog's values differ from what the platform holds (so a re-send is due). */
export function differsFrom(snapshot: RemoteSnapshot, ours: OurMetadata): boolean {
  return (
    snapshot.title !== ours.title ||
    (snapshot.description ?? '') !== ours.description ||
    (snapshot.age_rating ?? '') !== ours.ageRating
  );
}
