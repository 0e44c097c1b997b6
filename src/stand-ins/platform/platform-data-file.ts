import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { PlatformStoreSnapshot } from './platform-store';

/**
 * What a demo's platform keeps between runs (`startPlatformStandIn({ dataFile })`): its
 * database, that is the contents, the video assets and the id counters, so a restarted demo
 * still has what was registered. Accounts, the internal token and the signing key are given
 * at each start and never written: nothing secret lands on disk. One JSON file, replaced
 * atomically on every change.
 */
export interface PlatformData extends PlatformStoreSnapshot {
  version: 1;
}

const timestamp = z.string();
const platformDataSchema = z.object({
  version: z.literal(1),
  contents: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      description: z.string().nullable(),
      age_rating: z.string().nullable(),
      like_count: z.number().int(),
      created_at: timestamp,
      updated_at: timestamp,
    }),
  ),
  videoAssets: z.array(
    z.object({
      id: z.number().int(),
      content_id: z.number().int(),
      video_url: z.string(),
      thumbnail_url: z.string().nullable(),
      duration: z.number().nullable(),
      resolution: z.string().nullable(),
      created_at: timestamp,
    }),
  ),
  nextContentId: z.number().int(),
  nextVideoAssetId: z.number().int(),
});

/** The data in `file`, or undefined when there is no such file yet. A damaged file throws. */
export function readPlatformData(file: string): PlatformData | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`The platform stand-in's data file ${file} is not JSON`, { cause: error });
  }
  const parsed = platformDataSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `The platform stand-in's data file ${file} is not one it wrote: ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

let temporaryFiles = 0;

/**
 * Writes `data` to `file` atomically: a temporary file beside it, flushed to disk, then renamed
 * over it, so a crash leaves the old file or the new one, never half of one. The folder is
 * created when missing. Only this user may read it, like any database file.
 */
export function writePlatformData(file: string, data: PlatformData): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${++temporaryFiles}.tmp`;
  try {
    fs.writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, flush: true });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
