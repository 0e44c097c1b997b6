import {
  defaultSettings,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/contract';
import type { SettingsRepository } from '../catalog/repositories/settings-repository';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { isoNow, type Clock } from '../time/clock';

/**
 * Settings with defaults. Each stored value is checked against the contract on read: a
 * value an older or newer version wrote that no longer fits falls back to the default
 * (and is logged) instead of breaking the engine at start.
 */
export class SettingsService {
  #current: Settings;

  constructor(
    private readonly repository: SettingsRepository,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.#current = this.#load();
  }

  get(): Settings {
    return this.#current;
  }

  set(patch: SettingsPatch): Settings {
    const next = settingsSchema.parse({ ...this.#current, ...patch });
    const changed = (Object.keys(patch) as Array<keyof Settings>).filter(
      (key) => JSON.stringify(next[key]) !== JSON.stringify(this.#current[key]),
    );
    if (changed.length === 0) return this.#current;
    this.repository.writeMany(
      changed.map((key) => [key, JSON.stringify(next[key])]),
      isoNow(this.clock),
    );
    this.#current = next;
    this.events.emit('settings.changed', next);
    return next;
  }

  #load(): Settings {
    const stored = this.repository.readAll();
    const merged: Record<string, unknown> = { ...defaultSettings };
    for (const key of Object.keys(defaultSettings) as Array<keyof Settings>) {
      const raw = stored.get(key);
      if (raw === undefined) continue;
      const candidate = { ...defaultSettings, [key]: safeJson(raw) };
      if (settingsSchema.safeParse(candidate).success) merged[key] = candidate[key];
      else this.logger.warn('ignoring a stored setting that is no longer valid', { key });
    }
    return settingsSchema.parse(merged);
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
