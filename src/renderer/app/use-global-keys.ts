import { useEffect } from 'react';
import { useDailies } from '../store/store-context';

/** Where typing goes: `?` there is a character, not the shortcuts overlay. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * The form Ctrl/Cmd+S saves: the one holding focus when it can be saved that way, else the
 * first on screen that can (the asset detail, a bulk edit, a profile, the settings).
 */
function formToSave(): HTMLFormElement | null {
  const active = document.activeElement;
  const holding = active instanceof HTMLElement ? active.closest('form') : null;
  if (holding?.hasAttribute('data-save-shortcut')) return holding;
  return document.querySelector<HTMLFormElement>('form[data-save-shortcut]');
}

/** Keys that work in every view: Ctrl/Cmd+S saves the form in sight, `?` lists every shortcut. */
export function useGlobalKeys(): void {
  const setShortcutsOpen = useDailies((s) => s.setShortcutsOpen);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && event.key.toLowerCase() === 's') {
        // The browser's "save page" is never what the editor means here.
        event.preventDefault();
        formToSave()?.requestSubmit();
        return;
      }
      if (event.key === '?' && !mod && !event.altKey && !isTyping(event.target)) {
        if (document.querySelector('dialog[open]')) return;
        event.preventDefault();
        setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setShortcutsOpen]);
}
