import type { SettingsRepository } from '../catalog/repositories/settings-repository';
import { isoNow, type Clock } from '../time/clock';

type Support = 'honoured' | 'ignored';
type Findings = Record<string, Record<string, Support>>;

/** The key/value entry holding what a profile's stores showed; it goes with the profile. */
export function conditionalWritesKey(profileId: string): string {
  return `conditionalPut:${profileId}`;
}

/**
 * Keeps what each profile's store showed about conditional PUTs in the catalog's key/value
 * table (beside the settings, under a key no setting uses), so a restart does not send a
 * small file twice to learn it again. Keyed by store too: a profile pointed at another
 * endpoint learns afresh.
 */
export function rememberedWrites(repository: SettingsRepository, clock: Pick<Clock, 'now'>) {
  const keyOf = conditionalWritesKey;
  const read = (profileId: string): Findings => {
    const raw = repository.readAll().get(keyOf(profileId));
    if (raw === undefined) return {};
    try {
      const parsed = JSON.parse(raw) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Findings) : {};
    } catch {
      return {};
    }
  };
  return {
    load(profileId: string, store: string): Record<string, Support> {
      const known = read(profileId)[store] ?? {};
      return Object.fromEntries(
        Object.entries(known).filter(([, value]) => value === 'honoured' || value === 'ignored'),
      );
    },
    save(profileId: string, store: string, bucket: string, support: Support): void {
      const findings = read(profileId);
      findings[store] = { ...findings[store], [bucket]: support };
      repository.writeMany([[keyOf(profileId), JSON.stringify(findings)]], isoNow(clock));
    },
  };
}
