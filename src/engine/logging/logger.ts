import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE, privateDir, privateFile } from './private-files';
import type { SecretRedactor } from './redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface FileLoggerOptions {
  dir: string;
  redactor: SecretRedactor;
  now: () => Date;
  level?: LogLevel;
  /** Rotate when the current file would pass this size. */
  maxBytes?: number;
  /** How many rotated files to keep beside the current one. */
  keep?: number;
  /** Also write each line here (the CLI's --verbose, the web host's console). */
  echo?: (line: string) => void;
}

export const LOG_FILE = 'dailies.log';

/**
 * JSON-lines logs in the data dir, one record a line, rotated by size. Writes are
 * synchronous on purpose: the last lines before a crash are the ones worth having, and
 * the log rate is far too low for this to matter.
 */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  const minRank = levelRank[options.level ?? 'info'];
  const file = path.join(options.dir, LOG_FILE);
  privateDir(options.dir);
  privateFile(file);
  let size = fileSize(file);

  const write = (level: LogLevel, scope: string, message: string, fields?: object) => {
    if (levelRank[level] < minRank) return;
    const record = {
      time: options.now().toISOString(),
      level,
      scope,
      message: options.redactor.redact(message),
      ...(fields === undefined ? {} : { fields: options.redactor.redact(fields) }),
    };
    const line = `${JSON.stringify(record)}\n`;
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) {
      rotate(file, keep);
      size = 0;
    }
    fs.appendFileSync(file, line, { mode: PRIVATE_FILE_MODE });
    size += bytes;
    options.echo?.(line.trimEnd());
  };

  const make = (scope: string): Logger => ({
    debug: (message, fields) => write('debug', scope, message, fields),
    info: (message, fields) => write('info', scope, message, fields),
    warn: (message, fields) => write('warn', scope, message, fields),
    error: (message, fields) => write('error', scope, message, fields),
    child: (child) => make(scope ? `${scope}.${child}` : child),
  });
  return make('engine');
}

function rotate(file: string, keep: number): void {
  for (let index = keep; index >= 1; index -= 1) {
    const from = index === 1 ? file : `${file}.${index - 1}`;
    const to = `${file}.${index}`;
    if (fs.existsSync(from)) fs.renameSync(from, to);
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
