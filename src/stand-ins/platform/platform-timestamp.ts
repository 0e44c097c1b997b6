/**
 * The platform's timestamps: ISO 8601 in UTC, whole seconds, no zone suffix
 * (`2026-11-23T09:01:22`), as recorded from the real backend.
 */
export function platformTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export const PLATFORM_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
