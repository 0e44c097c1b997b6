import { z } from 'zod';

/**
 * Stable error codes. Code branches on these; editors read the message. Add codes, never
 * rename them: the renderer, the CLI's exit codes and saved job errors all key on them.
 */
export const errorCodes = [
  'E_INTERNAL',
  'E_VALIDATION',
  'E_UNKNOWN_METHOD',
  'E_NOT_FOUND',
  'E_CONFLICT',
  'E_LOCKED',
  'E_CATALOG_CORRUPT',
  'E_DISPOSED',
  'E_FFMPEG_MISSING',
  'E_NOT_MEDIA',
  'E_NO_VIDEO',
  'E_TRUNCATED',
  'E_ZERO_BYTES',
  'E_UNSUPPORTED_CODEC',
  'E_TIMEOUT',
  'E_FILE_CHANGED',
  'E_FILE_MISSING',
  'E_PERMISSION',
  'E_CANCELLED',
  'E_S3_AUTH',
  'E_PLATFORM_AUTH',
  'E_NETWORK',
  'E_KEYCHAIN_UNAVAILABLE',
  /** No TMDB token is set, or TMDB refused it (details.reason: 'missing' | 'refused'). */
  'E_TMDB_AUTH',
  /** A service asked us to slow down; details.retryAfterMs says for how long. */
  'E_RATE_LIMITED',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** The one shape every failure takes when it crosses a boundary (IPC, HTTP, CLI --json). */
export const errorValueSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorValue = z.infer<typeof errorValueSchema>;

/**
 * The error class used on every side of the contract. It carries an ErrorValue so that
 * throwing in the engine and catching in the renderer see the same fields.
 */
export class DailiesError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(value: ErrorValue) {
    super(value.message);
    this.name = 'DailiesError';
    this.code = value.code;
    this.retryable = value.retryable;
    this.details = value.details;
  }

  toValue(): ErrorValue {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export function dailiesError(
  code: ErrorCode,
  message: string,
  options: { retryable?: boolean; details?: Record<string, unknown> } = {},
): DailiesError {
  return new DailiesError({
    code,
    message,
    retryable: options.retryable ?? false,
    ...(options.details === undefined ? {} : { details: options.details }),
  });
}

export function isDailiesError(value: unknown): value is DailiesError {
  return value instanceof DailiesError;
}
