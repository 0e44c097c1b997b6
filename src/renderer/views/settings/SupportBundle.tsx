import { useDailies } from '../../store/store-context';

/**
 * One click to what support asks for (the CLI's `dailies support-bundle`): logs, versions,
 * settings and profiles, never a secret. A browser downloads it; the desktop app says where
 * the file is.
 */
export function SupportBundle() {
  const exportBundle = useDailies((s) => s.exportSupportBundle);
  const exporting = useDailies((s) => s.supportExporting);
  const notice = useDailies((s) => s.supportNotice);
  return (
    <section className="card" aria-labelledby="support-title">
      <h2 id="support-title">Support</h2>
      <p className="section-lede" id="support-lede">
        When something goes wrong, send support one file: the logs, the versions, the settings and
        the profiles. Passwords, tokens and keys are never included.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          aria-describedby="support-lede"
          disabled={exporting}
          onClick={() => void exportBundle()}
        >
          {exporting ? 'Exporting…' : 'Export support bundle'}
        </button>
        <p
          role="status"
          className={notice?.tone === 'bad' ? 'form-message form-message-bad' : 'form-status'}
        >
          {notice?.text ?? null}
        </p>
      </div>
    </section>
  );
}
