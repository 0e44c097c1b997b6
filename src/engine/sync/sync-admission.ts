import type { JobSpec, SyncJobSpec } from '../../shared/contract/jobs';
import type { UploadSettings } from '../../shared/contract/upload-settings';
import type { UploaderOptions } from '../storage/upload/upload-types';
import { profileUploaderOptions } from './sync-connection';
import { fitsIn, uploadPlaces } from './upload-places';

/** Places over all profiles at once: the most one profile may ask for (upload-settings.ts). */
export const MAX_UPLOAD_PLACES = 16;

/** Sizes remembered between passes; past this many the memo starts again. */
const REMEMBERED_SIZES = 4096;

export interface SyncAdmissionDeps {
  /** The profile's upload settings; null when this version cannot read the profile. */
  uploadSettings: (profileId: string) => UploadSettings | null;
  /** The asset's size as catalogued; null when it is gone. */
  sizeOf: (assetId: number) => number | null;
  uploaderOptions?: Partial<UploaderOptions> | undefined;
}

/**
 * The queue's admission of sync jobs. A job starts when
 * - no send of its profile was refused before it in this pass: a profile's sends start in
 *   queue order (small files behind a large one waiting for a whole place must not take each
 *   quarter as it frees, or the large one waits for them all, and Move to top would not help);
 * - its profile's running sends, each taking its places (upload-places.ts), leave room for
 *   its own within the profile's upload concurrency;
 * - and all profiles' sends together leave room within MAX_UPLOAD_PLACES, and no send was
 *   refused before it in this pass for want of those: the shared places go in queue order too.
 * A profile this version cannot read runs one job at a time (each fails with its message).
 */
export function syncAdmission(deps: SyncAdmissionDeps) {
  // An asset's size changes only with its content: a stale one would only misjudge a share.
  const sizes = new Map<number, number | null>();
  const sizeOf = (assetId: number) => {
    if (!sizes.has(assetId)) {
      if (sizes.size >= REMEMBERED_SIZES) sizes.clear();
      sizes.set(assetId, deps.sizeOf(assetId));
    }
    return sizes.get(assetId)!;
  };
  // The passes in which a send was refused for want of the places all profiles share: from
  // then on that pass starts no send of any profile, or small sends of one profile would take
  // each quarter as it frees while a large send of another, queued first, waits for them all.
  // A pass is known by its list of refusals, one array the queue keeps for the whole pass.
  const sharedPlacesFull = new WeakSet<readonly JobSpec[]>();

  return (spec: SyncJobSpec, running: readonly JobSpec[], refused: readonly JobSpec[]): boolean => {
    if (sharedPlacesFull.has(refused)) return false;
    // From the newest: behind a refused send, the ones refused next are mostly its profile's.
    for (let at = refused.length - 1; at >= 0; at -= 1) {
      const job = refused[at]!;
      if (job.kind === 'sync' && job.profileId === spec.profileId) return false;
    }
    const sends = running.filter((job): job is SyncJobSpec => job.kind === 'sync');
    const same = sends.filter((job) => job.profileId === spec.profileId);
    // Each profile's settings read once per question (a profile is parsed from the catalog).
    const settings = new Map<string, UploadSettings | null>();
    const settingsOf = (profileId: string) => {
      if (!settings.has(profileId)) settings.set(profileId, deps.uploadSettings(profileId));
      return settings.get(profileId)!;
    };
    const placesOf = (job: SyncJobSpec) => {
      const its = settingsOf(job.profileId);
      // A gone asset's job ends at once: it takes the least share.
      const size = sizeOf(job.assetId) ?? 0;
      return its ? uploadPlaces(size, profileUploaderOptions(its, deps.uploaderOptions)) : 1;
    };
    const sum = (jobs: readonly SyncJobSpec[]) => jobs.reduce((t, job) => t + placesOf(job), 0);
    const places = placesOf(spec);
    const own = settingsOf(spec.profileId);
    const ownRoom = own ? fitsIn(own.concurrency, sum(same), places) : same.length === 0;
    if (!ownRoom) return false;
    if (fitsIn(MAX_UPLOAD_PLACES, sum(sends), places)) return true;
    sharedPlacesFull.add(refused);
    return false;
  };
}
