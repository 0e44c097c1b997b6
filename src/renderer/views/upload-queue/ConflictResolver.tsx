import { useState } from 'react';
import type { ConflictChoice, SyncConflict } from '../../../shared/contract';
import { useDailies } from '../../store/store-context';
import { fieldLabels } from './upload-labels';

type Side = 'ours' | 'theirs';
type Field = SyncConflict['fields'][number]['field'];

/**
 * Settles a conflict field by field: for each field the platform and the editor both
 * changed, the value at the last sync, ours and theirs side by side, and a choice. When every
 * field takes the same side the choice goes as that side, which every engine understands.
 */
export function ConflictResolver({
  assetId,
  title,
  conflict,
  onDone,
}: {
  assetId: number;
  title: string;
  conflict: SyncConflict;
  onDone: () => void;
}) {
  const resolve = useDailies((s) => s.resolveSyncConflict);
  const [picks, setPicks] = useState<Partial<Record<Field, Side>>>({});
  const [busy, setBusy] = useState(false);
  const chosen = conflict.fields.every((field) => picks[field.field] !== undefined);

  const submit = async () => {
    const sides = new Set(Object.values(picks));
    const keep: ConflictChoice =
      sides.size === 1 ? [...sides][0]! : (picks as Exclude<ConflictChoice, Side>);
    setBusy(true);
    const done = await resolve(assetId, keep);
    setBusy(false);
    if (done) onDone();
  };

  return (
    <form
      className="conflict"
      aria-label={`Conflict of ${title}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) void submit();
      }}
    >
      <p className="conflict-lede">
        The platform changed {conflict.fields.length === 1 ? 'this field' : 'these fields'} since
        the last sync while you edited {conflict.fields.length === 1 ? 'it' : 'them'} here. Nothing
        was overwritten. Choose which value to keep for each.
      </p>
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">At the last sync</th>
            <th scope="col">Yours (Dailies)</th>
            <th scope="col">Platform</th>
          </tr>
        </thead>
        <tbody>
          {conflict.fields.map((field) => {
            const label = fieldLabels[field.field];
            const option = (side: Side, value: string | null) => (
              <td>
                <label className="conflict-option">
                  <input
                    type="radio"
                    name={`conflict-${assetId}-${field.field}`}
                    checked={picks[field.field] === side}
                    onChange={() => setPicks({ ...picks, [field.field]: side })}
                    aria-label={`${label}: keep ${side === 'ours' ? 'yours' : 'the platform’s'}`}
                  />
                  <span className="conflict-value">{value ?? '(empty)'}</span>
                </label>
              </td>
            );
            return (
              <tr key={field.field} data-field={field.field}>
                <th scope="row">{label}</th>
                <td className="muted conflict-value">{field.base ?? '(empty)'}</td>
                {option('ours', field.ours)}
                {option('theirs', field.theirs)}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="conflict-actions">
        <button type="button" className="button button-small" onClick={onDone}>
          Not now
        </button>
        <button
          type="submit"
          className="button button-small button-primary"
          disabled={!chosen || busy}
        >
          Keep these values
        </button>
      </div>
    </form>
  );
}
