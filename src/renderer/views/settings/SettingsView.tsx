import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Settings } from '../../../shared/contract';
import type { SettingsKey } from '../../store/settings-slice';
import { useDailies } from '../../store/store-context';
import { DeliveryRuleSets } from './DeliveryRuleSets';
import { MediaToolsStatus } from './MediaToolsStatus';
import { draftFromSettings, patchFromDraft, type SettingsDraft } from './settings-draft';
import { SettingsField, type FieldSpec } from './SettingsField';
import { TmdbLanguageField } from './TmdbLanguageField';
import { SupportBundle } from './SupportBundle';
import { ViewHeader } from '../../components/ViewHeader';

const toolFields: FieldSpec[] = [
  {
    key: 'ffmpegPath',
    label: 'ffmpeg path',
    hint: 'Leave blank to use the ffmpeg Dailies finds on its own.',
    placeholder: 'Automatic',
  },
  {
    key: 'ffprobePath',
    label: 'ffprobe path',
    hint: 'Leave blank to use the ffprobe Dailies finds on its own.',
    placeholder: 'Automatic',
  },
];

const analysisFields: FieldSpec[] = [
  {
    key: 'analysisConcurrency',
    label: 'Files analysed at once',
    hint: 'From 1 to 16: the files whose ffprobe and ffmpeg share the cores (the next file is made ready meanwhile). Leave blank to match this computer.',
    placeholder: 'Automatic',
    numeric: true,
  },
  {
    key: 'thumbnailWidth',
    label: 'Thumbnail width (pixels)',
    hint: 'From 160 to 1920.',
    numeric: true,
  },
  {
    key: 'filmstripFrames',
    label: 'Filmstrip frames',
    hint: 'How many stills a filmstrip holds, from 4 to 100.',
    numeric: true,
  },
  {
    key: 'extraVideoExtensions',
    label: 'Extra video file extensions',
    hint: 'Besides the usual ones, separated by commas, for example: mxf, r3d',
    placeholder: 'None',
  },
];

const fieldOrder: SettingsKey[] = [...toolFields, ...analysisFields].map((f) => f.key);

export function SettingsView() {
  const settings = useDailies((s) => s.settings);
  const loadError = useDailies((s) => s.settingsLoadError);
  return (
    <>
      <ViewHeader title="Settings">Preferences for this computer, kept in the catalog.</ViewHeader>
      {settings ? (
        <>
          <SettingsForm settings={settings} />
          <DeliveryRuleSets />
          <SupportBundle />
        </>
      ) : loadError ? (
        <p role="alert" className="form-message form-message-bad">
          {loadError}
        </p>
      ) : (
        <p className="muted">Loading settings…</p>
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const save = useDailies((s) => s.saveSettings);
  const saveState = useDailies((s) => s.settingsSave);
  const fieldErrors = useDailies((s) => s.settingsFieldErrors);
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings));
  const [adoptNext, setAdoptNext] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  // The engine's settings changed (our save, another window, the CLI): take them, unless
  // the editor is in the middle of changes of their own.
  if (settings !== base) {
    const dirty = Object.keys(patchFromDraft(draft, base)).length > 0;
    setBase(settings);
    if (!dirty || adoptNext) setDraft(draftFromSettings(settings));
    if (adoptNext) setAdoptNext(false);
  }

  useEffect(() => {
    const first = fieldOrder.find((key) => fieldErrors[key] !== undefined);
    if (first) form.current?.querySelector<HTMLElement>(`#setting-${first}`)?.focus();
  }, [fieldErrors]);

  const patch = patchFromDraft(draft, settings);
  const dirty = Object.keys(patch).length > 0;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAdoptNext(true);
    const ok = await save(patch);
    if (!ok) setAdoptNext(false);
  };
  const update = (key: keyof SettingsDraft, value: string | boolean) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const renderField = (spec: FieldSpec) => (
    <SettingsField
      key={spec.key}
      spec={spec}
      value={
        draft[
          spec.key as Exclude<
            keyof SettingsDraft,
            'theme' | 'desktopNotifications' | 'autoUpdate' | 'resendEditsAutomatically'
          >
        ]
      }
      error={fieldErrors[spec.key]}
      onChange={(value) => update(spec.key as keyof SettingsDraft, value)}
    />
  );

  return (
    <form data-save-shortcut="" className="settings-form" ref={form} onSubmit={onSubmit} noValidate>
      <section className="card" aria-labelledby="tools-title">
        <h2 id="tools-title">Media tools</h2>
        <p className="section-lede">Dailies probes and thumbnails files with ffprobe and ffmpeg.</p>
        <MediaToolsStatus />
        {toolFields.map(renderField)}
      </section>

      <section className="card" aria-labelledby="analysis-title">
        <h2 id="analysis-title">Analysis</h2>
        {analysisFields.map(renderField)}
      </section>

      <section className="card" aria-labelledby="platform-title">
        <h2 id="platform-title">Platform</h2>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={draft.resendEditsAutomatically}
              onChange={(e) => update('resendEditsAutomatically', e.target.checked)}
              aria-describedby="setting-resend-hint"
            />{' '}
            Send edits of assets already on the platform automatically
          </label>
          <p className="field-hint" id="setting-resend-hint">
            An edit shows on the platform only once its metadata is sent again (the video is not
            uploaded again). Off: the asset turns Edited and its detail offers Send changes.
          </p>
        </div>
      </section>

      <section className="card" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <div className="field">
          <label htmlFor="setting-theme">Theme</label>
          <select
            id="setting-theme"
            value={draft.theme}
            onChange={(e) => update('theme', e.target.value)}
            aria-describedby="setting-theme-hint"
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
          <p className="field-hint" id="setting-theme-hint">
            Light or dark, or follow the operating system.
          </p>
          {fieldErrors.theme ? <p className="field-error">{fieldErrors.theme}</p> : null}
        </div>
      </section>

      <TmdbLanguageField
        value={draft.tmdbLanguage}
        error={fieldErrors.tmdbLanguage}
        onChange={(value) => update('tmdbLanguage', value)}
      />

      <section className="card" aria-labelledby="desktop-title">
        <h2 id="desktop-title">Desktop app</h2>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={draft.desktopNotifications}
              onChange={(e) => update('desktopNotifications', e.target.checked)}
            />{' '}
            Notify me when uploads finish or need me
          </label>
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={draft.autoUpdate}
              onChange={(e) => update('autoUpdate', e.target.checked)}
            />{' '}
            Download new versions of Dailies and offer to restart
          </label>
        </div>
      </section>

      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={!dirty || saveState.kind === 'saving'}
        >
          {saveState.kind === 'saving' ? 'Saving…' : 'Save changes'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!dirty}
          onClick={() => setDraft(draftFromSettings(settings))}
        >
          Discard changes
        </button>
        <p className="form-status" role="status">
          {saveState.kind === 'saved' && !dirty ? 'Settings saved.' : null}
        </p>
      </div>
      {saveState.kind === 'failed' ? (
        <p role="alert" className="form-message form-message-bad">
          {saveState.message}
        </p>
      ) : null}
    </form>
  );
}
