import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useDailies } from '../../store/store-context';

/**
 * In a browser the page cannot read paths from a file picker, but the web host runs on this
 * computer: the editor types or pastes paths (one per line), files or folders.
 */
export function AddPathsDialog({ note, onClose }: { note?: string; onClose: () => void }) {
  const addPaths = useDailies((s) => s.addPaths);
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  const paths = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (paths.length === 0) return;
    onClose();
    void addPaths(paths);
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="add-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={onSubmit} noValidate>
        <h2 id="add-title">Add files or folders</h2>
        {note ? <p className="dialog-note">{note}</p> : null}
        <div className="field">
          <label htmlFor="add-paths">Paths on this computer, one per line</label>
          <textarea
            id="add-paths"
            className="mono"
            rows={5}
            spellCheck={false}
            autoFocus
            placeholder={'/Volumes/Shoot/Day 1\n/home/editor/footage/12_the-dark-knight.mp4'}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="add-paths-hint"
          />
          <p className="field-hint" id="add-paths-hint">
            Folders are searched for videos, including their subfolders. Files stay where they are.
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={paths.length === 0}>
            {paths.length > 1 ? `Add ${paths.length} paths` : 'Add'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
