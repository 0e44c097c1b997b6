import type { Logger } from '../../src/engine/logging/logger';

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  scope: string;
  message: string;
  fields?: Record<string, unknown>;
}

/** A Logger that keeps its records in memory (children share them), for asserting on. */
export function recordingLogger(): {
  logger: Logger;
  records: LogRecord[];
  errors: () => LogRecord[];
} {
  const records: LogRecord[] = [];
  const make = (scope: string): Logger => {
    const write =
      (level: LogRecord['level']) => (message: string, fields?: Record<string, unknown>) =>
        records.push({ level, scope, message, ...(fields ? { fields } : {}) });
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (child) => make(scope ? `${scope}.${child}` : child),
    };
  };
  return {
    logger: make('test'),
    records,
    errors: () => records.filter((record) => record.level === 'error'),
  };
}
