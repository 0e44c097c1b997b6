import type { Asset, HistoryEntry } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { formatDate } from '../../components/format';

const fieldLabels: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  ageRating: 'Age rating',
  contentId: 'Content id',
  slug: 'Slug',
  tags: 'Tags',
  notes: 'Notes',
};

/** Who changed what and when, with Undo for the newest edit not undone yet. */
export function AssetHistory({ asset }: { asset: Asset }) {
  const history = useDailies((s) => (s.history?.assetId === asset.id ? s.history.entries : null));
  const undo = useDailies((s) => s.undoAsset);
  const canUndo =
    asset.deletedAt === null &&
    (history ?? []).some((entry) => entry.kind === 'edit' && !entry.undone);
  return (
    <section className="history" aria-labelledby="history-title">
      <div className="history-head">
        <h3 id="history-title">History</h3>
        <button
          type="button"
          className="button button-small"
          disabled={!canUndo}
          onClick={() => void undo(asset.id)}
        >
          Undo last edit
        </button>
      </div>
      {history === null ? (
        <p className="muted">Loading…</p>
      ) : history.length === 0 ? (
        <p className="muted">No edits yet.</p>
      ) : (
        <ol className="history-list">
          {history.map((entry) => (
            <li key={entry.id} className={entry.undone ? 'is-undone' : undefined}>
              <span className="history-when">
                {formatDate(entry.at)} · {entry.actor}
                {entry.kind === 'undo' ? ' · undo' : entry.undone ? ' · undone' : ''}
              </span>
              <span className="history-what">{describe(entry)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function describe(entry: HistoryEntry): string {
  if (entry.kind === 'file-changed') return 'The file changed on disk.';
  if (entry.kind === 'delivery-override')
    return `Sent anyway although it ${entry.changes.map((c) => String(c.from)).join('; ')}.`;
  if (entry.changes.length === 0) return 'No change.';
  return entry.changes
    .map(
      (change) =>
        `${fieldLabels[change.field] ?? change.field}: ${show(change.from)} → ${show(change.to)}`,
    )
    .join('; ');
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
