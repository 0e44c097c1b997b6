import type { ErrorCode } from '../shared/contract';

/**
 * Every exit status the CLI uses, in one table: scripts branch on these numbers, so they
 * never change meaning. `dailies --help` prints this table. 6 ("not built yet") is retired:
 * no status is ever reused for another meaning.
 */
export const exitCodes = {
  ok: { status: 0, meaning: 'Done.' },
  failed: { status: 1, meaning: 'Failed; the message says why.' },
  usage: { status: 2, meaning: 'Usage error: unknown command or option, or an invalid value.' },
  locked: { status: 3, meaning: 'The data folder is in use by another Dailies.' },
  toolsMissing: { status: 4, meaning: 'ffmpeg or ffprobe is missing or does not run.' },
  catalogCorrupt: { status: 5, meaning: 'The catalog database is damaged.' },
  network: { status: 7, meaning: 'Network trouble or a timeout; trying again may work.' },
  auth: { status: 8, meaning: 'S3, platform sign-in or TMDB token refused or missing.' },
  media: { status: 9, meaning: 'A file is not usable media (not video, truncated, empty...).' },
  nodeTooOld: { status: 10, meaning: 'This Node is older than Dailies needs (Node 24.11).' },
  cancelled: { status: 130, meaning: 'Cancelled (Ctrl+C).' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ExitName = keyof typeof exitCodes;

/** Error codes with their own exit status; every other code exits 1 ("failed"). */
const byErrorCode: Partial<Record<ErrorCode, ExitName>> = {
  E_VALIDATION: 'usage',
  E_LOCKED: 'locked',
  E_FFMPEG_MISSING: 'toolsMissing',
  E_CATALOG_CORRUPT: 'catalogCorrupt',
  E_NETWORK: 'network',
  E_TIMEOUT: 'network',
  E_S3_AUTH: 'auth',
  E_PLATFORM_AUTH: 'auth',
  E_TMDB_AUTH: 'auth',
  E_RATE_LIMITED: 'network',
  E_NOT_MEDIA: 'media',
  E_NO_VIDEO: 'media',
  E_TRUNCATED: 'media',
  E_ZERO_BYTES: 'media',
  E_UNSUPPORTED_CODEC: 'media',
  E_CANCELLED: 'cancelled',
};

export function exitNameFor(code: ErrorCode): ExitName {
  return byErrorCode[code] ?? 'failed';
}

export function exitStatus(name: ExitName): number {
  return exitCodes[name].status;
}
