import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE } from '../../src/engine/logging/logger';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { tempDir } from '../helpers/temp-dir';

const now = () => new Date('2026-11-23T09:00:00Z');

describe('logs', () => {
  it('masks a registered secret wherever it appears and values under secret-looking keys', () => {
    const dir = tempDir();
    const redactor = new SecretRedactor();
    const secret = 'sk-internal-0123456789abcdef';
    redactor.register(secret);
    const logger = createFileLogger({ dir, redactor, now });
    logger.error(`request to https://api/x?token=${secret} failed`, {
      headers: { 'X-Internal-Token': 'another-value-entirely' },
      error: new Error(`bad token ${secret}`),
      password: 'hunter22',
    });
    const text = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('another-value-entirely');
    expect(text).not.toContain('hunter22');
    const record = JSON.parse(text.trim()) as { message: string; level: string };
    expect(record.level).toBe('error');
    expect(record.message).toBe('request to https://api/x?token=*** failed');
  });

  it('rotates by size and keeps a bounded number of old files', () => {
    const dir = tempDir();
    const logger = createFileLogger({
      dir,
      redactor: new SecretRedactor(),
      now,
      maxBytes: 2_000,
      keep: 2,
    });
    for (let i = 0; i < 200; i += 1) logger.info(`line ${i}`, { padding: 'x'.repeat(50) });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`]);
    for (const file of files)
      expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(2_000);
    expect(fs.readFileSync(path.join(dir, LOG_FILE), 'utf8')).toContain('line 199');
  });
});
