import type { Settings, SettingsPatch } from '../../../shared/contract';

/** The settings form as the inputs hold it: text, until saved. */
export interface SettingsDraft {
  ffprobePath: string;
  ffmpegPath: string;
  extraVideoExtensions: string;
  analysisConcurrency: string;
  thumbnailWidth: string;
  filmstripFrames: string;
  theme: Settings['theme'];
  desktopNotifications: boolean;
  autoUpdate: boolean;
  tmdbLanguage: Settings['tmdbLanguage'];
  resendEditsAutomatically: boolean;
}

export function draftFromSettings(settings: Settings): SettingsDraft {
  return {
    ffprobePath: settings.ffprobePath ?? '',
    ffmpegPath: settings.ffmpegPath ?? '',
    extraVideoExtensions: settings.extraVideoExtensions.join(', '),
    analysisConcurrency:
      settings.analysisConcurrency === null ? '' : String(settings.analysisConcurrency),
    thumbnailWidth: String(settings.thumbnailWidth),
    filmstripFrames: String(settings.filmstripFrames),
    theme: settings.theme,
    desktopNotifications: settings.desktopNotifications,
    autoUpdate: settings.autoUpdate,
    tmdbLanguage: settings.tmdbLanguage,
    resendEditsAutomatically: settings.resendEditsAutomatically,
  };
}

/**
 * The fields the editor changed, as a patch for settings.set. Blank means "automatic"
 * where the setting allows it. Values are passed on as typed; the engine validates them
 * and the form shows its answer next to each field.
 */
export function patchFromDraft(draft: SettingsDraft, current: Settings): SettingsPatch {
  const next = {
    ffprobePath: blankToNull(draft.ffprobePath),
    ffmpegPath: blankToNull(draft.ffmpegPath),
    extraVideoExtensions: draft.extraVideoExtensions
      .split(/[\s,;]+/)
      .map((ext) => ext.replace(/^\.+/, ''))
      .filter((ext) => ext !== ''),
    analysisConcurrency:
      draft.analysisConcurrency.trim() === '' ? null : numberOrText(draft.analysisConcurrency),
    thumbnailWidth: numberOrText(draft.thumbnailWidth),
    filmstripFrames: numberOrText(draft.filmstripFrames),
    theme: draft.theme,
    desktopNotifications: draft.desktopNotifications,
    autoUpdate: draft.autoUpdate,
    tmdbLanguage: draft.tmdbLanguage,
    resendEditsAutomatically: draft.resendEditsAutomatically,
  } satisfies Record<keyof Settings, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as Array<keyof Settings>) {
    if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) patch[key] = next[key];
  }
  // Not-yet-valid values go through on purpose: the engine's answer names the field.
  return patch as SettingsPatch;
}

/** A number when the text is one; the text itself otherwise, for the engine to refuse. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
}

function blankToNull(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}
