import fs from 'node:fs';
import path from 'node:path';
import { createEngine, type Engine } from '../../src/engine/create-engine';
import { inProcessApi } from '../../src/engine/rpc/in-process-api';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { SessionSecretStore } from '../../src/engine/secrets/session-secret-store';
import { STILLS_DIR, stillFiles } from '../../src/shared/media-urls';
import { makeClip } from '../../test/rig/media-fixtures';
import { addMediaSummaries, open, repositoryInsert, syntheticRows } from '../suites/catalog';

export interface LargeCatalog {
  dataDir: string;
  /** Words that occur in the titles, for searches that find something. */
  words: string[];
}

/**
 * A fresh catalog of `count` generated assets written straight through the repositories (as
 * the catalog suite does), and real stills for the newest `withStills` of them, the first
 * pages of the Library's default order (newest first): a few clips are analysed by a real
 * engine and their thumbnail and filmstrip are given to those assets in turn.
 */
export async function buildLargeCatalog(options: {
  dir: string;
  count: number;
  withStills: number;
  log: (message: string) => void;
}): Promise<LargeCatalog> {
  const { dir, count, withStills, log } = options;
  const stills = await analysedStills(path.join(dir, 'stills-source'), log);

  log(`inserting ${count} assets`);
  const dataDir = path.join(dir, 'catalog');
  const rows = syntheticRows(count);
  const catalog = open(dataDir);
  try {
    repositoryInsert(catalog, rows);
    addMediaSummaries(catalog, rows);
    log(`giving the newest ${withStills} assets real stills`);
    const insert = catalog.sqlite.prepare(
      `INSERT INTO analysis_results (asset_id, sha256, thumbnail_path, filmstrip_path, analysed_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    catalog.sqlite.transaction(() => {
      for (let n = 0; n < Math.min(withStills, count); n += 1) {
        const id = count - n;
        const source = stills[n % stills.length]!;
        const target = path.join(dataDir, STILLS_DIR, String(id));
        fs.cpSync(source.dir, target, { recursive: true });
        insert.run(
          id,
          rows[id - 1]!.asset.sha256,
          path.join(target, path.basename(source.thumbnailPath)),
          source.filmstripPath && path.join(target, path.basename(source.filmstripPath)),
          source.analysedAt,
        );
      }
    })();
  } finally {
    catalog.close();
  }
  const words = [...new Set(rows.slice(0, 50).flatMap((row) => row.asset.title.split(' ')))];
  return { dataDir, words };
}

interface StillsSource {
  dir: string;
  thumbnailPath: string;
  filmstripPath: string | null;
  analysedAt: string;
}

/** Landscape and portrait clips analysed by a real engine: their stills folders. */
async function analysedStills(dir: string, log: (message: string) => void) {
  log('making and analysing clips for real thumbnails');
  const clips = path.join(dir, 'clips');
  fs.mkdirSync(clips, { recursive: true });
  const sizes = ['320x180', '180x320', '320x240', '320x180'];
  for (const [index, size] of sizes.entries()) {
    await makeClip('ffmpeg', path.join(clips, `clip-${index}.mp4`), 4, size, 300 + index * 40);
  }
  const engine = benchEngine(path.join(dir, 'engine'));
  try {
    await inProcessApi(engine).invoke('assets.addPaths', { paths: [clips] });
    await jobsIdle(engine);
    const found = await inProcessApi(engine).invoke('assets.search', { limit: 100 });
    const kept = path.join(dir, 'kept');
    const sources = found.items.flatMap((asset): StillsSource[] => {
      if (!asset.stills) return [];
      const to = path.join(kept, String(asset.id));
      fs.cpSync(path.join(engine.dataDir, STILLS_DIR, String(asset.id)), to, { recursive: true });
      return [
        {
          dir: to,
          thumbnailPath: path.join(to, stillFiles.thumbnail),
          filmstripPath: asset.stills.filmstrip ? path.join(to, stillFiles.filmstrip) : null,
          analysedAt: new Date(asset.stills.version).toISOString(),
        },
      ];
    });
    if (sources.length === 0) throw new Error('The clips gave no stills');
    return sources;
  } finally {
    await engine.dispose();
  }
}

/** A real engine whose secrets stay in memory (the bench never touches the keychain). */
export function benchEngine(dataDir: string): Engine {
  const redactor = new SecretRedactor();
  return createEngine({
    dataDir,
    host: 'web',
    version: '0.0.0-bench',
    redactor,
    secrets: new SessionSecretStore({ redactor, description: 'the UI benchmark (memory)' }),
    headless: false,
  });
}

/** Resolves once no job is queued or running, checked whenever a job changes. */
export async function jobsIdle(engine: Engine): Promise<void> {
  for (;;) {
    const changed = new Promise<void>((resolve) => {
      const stop = engine.subscribe((event) => {
        if (event.name === 'job.changed') {
          stop();
          resolve();
        }
      });
    });
    const jobs = await inProcessApi(engine).invoke('jobs.list', {});
    if (!jobs.some((job) => job.state === 'queued' || job.state === 'running')) return;
    await changed;
  }
}
