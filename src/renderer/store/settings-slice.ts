import { DailiesError } from '../../shared/contract/errors';
import { settingsSchema } from '../../shared/contract/settings';
import type { DailiesApi, Settings, SettingsPatch } from '../../shared/contract';
import { errorMessage } from './error-message';
import type { Slice } from './slice';

export type SettingsKey = keyof Settings;
export type FieldErrors = Partial<Record<SettingsKey, string>>;

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export interface SettingsSlice {
  settings: Settings | null;
  settingsLoadError: string | null;
  settingsSave: SaveState;
  /** The engine's validation errors of the last save, by field. */
  settingsFieldErrors: FieldErrors;
  loadSettings(): Promise<void>;
  /** Resolves true when the engine accepted the patch. */
  saveSettings(patch: SettingsPatch): Promise<boolean>;
  /** The engine's settings.changed event: another window or the CLI changed them too. */
  settingsChanged(settings: Settings): void;
}

const settingsKeys = Object.keys(settingsSchema.shape) as SettingsKey[];

export const createSettingsSlice =
  (api: DailiesApi): Slice<SettingsSlice> =>
  (set) => ({
    settings: null,
    settingsLoadError: null,
    settingsSave: { kind: 'idle' },
    settingsFieldErrors: {},
    async loadSettings() {
      try {
        set({ settings: await api.invoke('settings.get', {}), settingsLoadError: null });
      } catch (error) {
        set({ settingsLoadError: errorMessage(error) });
      }
    },
    async saveSettings(patch) {
      set({ settingsSave: { kind: 'saving' }, settingsFieldErrors: {} });
      try {
        const settings = await api.invoke('settings.set', patch);
        set({ settings, settingsSave: { kind: 'saved' } });
        return true;
      } catch (error) {
        const fieldErrors = fieldErrorsOf(error);
        set({
          settingsFieldErrors: fieldErrors,
          settingsSave: {
            kind: 'failed',
            message:
              Object.keys(fieldErrors).length > 0
                ? 'Some values are not valid. Correct the marked fields and save again.'
                : errorMessage(error),
          },
        });
        return false;
      }
    },
    settingsChanged: (settings) => set({ settings }),
  });

/** Maps E_VALIDATION's `details.fields` ({path, message}) to the top-level setting. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof DailiesError) || error.code !== 'E_VALIDATION') return {};
  const fields = error.details?.fields;
  if (!Array.isArray(fields)) return {};
  const out: FieldErrors = {};
  for (const field of fields as Array<{ path?: unknown; message?: unknown }>) {
    const key = String(field.path ?? '').split('.')[0] as SettingsKey;
    if (settingsKeys.includes(key) && out[key] === undefined) out[key] = String(field.message);
  }
  return out;
}
