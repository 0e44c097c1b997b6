import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dailiesError } from '../../shared/contract';

/**
 * A path an editor typed, pasted or dropped, as the file system needs it: `file://` URLs (what
 * a file manager pastes) and `~/` (what a shell would expand) are expanded; anything still not
 * absolute is refused, since the engine's working folder is nothing the editor can see.
 */
export function inputPath(text: string, homeDir: string): string {
  if (text.includes('\0')) {
    throw refused(text, 'contains a NUL character, which no file name can hold');
  }
  let expanded = text;
  if (/^file:/i.test(text)) {
    try {
      expanded = fileURLToPath(text);
    } catch {
      throw refused(text, 'is a file:// address that names no file on this computer');
    }
  } else if (text === '~' || text.startsWith('~/') || text.startsWith(`~${path.sep}`)) {
    expanded = path.join(homeDir, text.slice(1));
  }
  if (!path.isAbsolute(expanded)) {
    throw refused(
      text,
      'is not a full path. Give the whole path from the top of the disk (for example /Volumes/Shoot/day1)',
    );
  }
  return expanded;
}

function refused(text: string, why: string) {
  const shown = JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
  return dailiesError('E_VALIDATION', `The path ${shown} ${why}.`, {
    details: { fields: [{ path: 'paths', message: why }] },
  });
}
