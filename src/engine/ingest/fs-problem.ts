import { dailiesError, isDailiesError, type IngestProblem } from '../../shared/contract';

/** Turns a file-system failure into a line of the ingest report an editor can act on. */
export function fsProblem(displayPath: string, error: unknown): IngestProblem {
  if (isDailiesError(error)) return { path: displayPath, code: error.code, message: error.message };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return {
        path: displayPath,
        code: 'E_FILE_MISSING',
        message: 'The file is gone: it was moved or deleted, or it is a link to nothing.',
      };
    case 'EACCES':
    case 'EPERM':
      return {
        path: displayPath,
        code: 'E_PERMISSION',
        message: 'Dailies is not allowed to read this (permission denied).',
      };
    case 'ENAMETOOLONG':
      return {
        path: displayPath,
        code: 'E_VALIDATION',
        message: 'The path is longer than this system allows; move the file to a shorter path.',
      };
    case 'ELOOP':
      return {
        path: displayPath,
        code: 'E_VALIDATION',
        message: 'The link points back to itself (a symlink loop).',
      };
    default:
      return {
        path: displayPath,
        code: 'E_INTERNAL',
        message: `The file could not be read (${code ?? String(error)}).`,
      };
  }
}

export function notRegularFile(): Error {
  return dailiesError(
    'E_NOT_MEDIA',
    'This is not a regular file (a pipe, socket or device) and was not read.',
  );
}
