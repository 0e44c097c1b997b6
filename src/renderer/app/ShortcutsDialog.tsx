import { useEffect, useRef } from 'react';
import { useDailies } from '../store/store-context';
import { shortcutGroups } from './shortcuts';

/** The `?` overlay: every shortcut, grouped; Escape or Close puts focus back. */
export function ShortcutsDialog() {
  const open = useDailies((s) => s.shortcutsOpen);
  const setOpen = useDailies((s) => s.setShortcutsOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={dialog}
      className="dialog shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onCancel={(e) => {
        e.preventDefault();
        setOpen(false);
      }}
    >
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <div className="dialog-body">
        {shortcutGroups.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl className="shortcut-list">
              {group.keys.map(([keys, what]) => (
                <div key={`${group.title}-${keys}`} className="shortcut">
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" autoFocus onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </dialog>
  );
}
