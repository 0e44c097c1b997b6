/**
 * Catalog benchmarks (issue 3): bulk insert through the repositories vs bare better-sqlite3,
 * FTS prefix search and one library page over 100,000 assets, and hashing a 1 GiB file
 * through the engine's hasher vs a bare Node crypto read loop. Each figure that has a
 * baseline was measured side by side with it in this run.
 *
 * Alone: `npx tsx bench/suites/catalog.ts` (prints JSON). In `npm run bench`, the harness
 * calls runCatalogBench({ workDir, log }).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AssetService } from '../../src/engine/catalog/asset-service';
import { openCatalog, type Catalog } from '../../src/engine/catalog/open-catalog';
import {
  AssetRepository,
  type NewAssetInput,
} from '../../src/engine/catalog/repositories/asset-repository';
import { AnalysisRepository } from '../../src/engine/catalog/repositories/analysis-repository';
import { AssetSearchRepository } from '../../src/engine/catalog/repositories/asset-search-repository';
import { LocationRepository } from '../../src/engine/catalog/repositories/location-repository';
import { createTransact } from '../../src/engine/catalog/transact';
import { defaultMigrationsDir } from '../../src/engine/create-engine';
import { BulkRuns } from '../../src/engine/events/bulk-runs';
import { EventBus } from '../../src/engine/events/event-bus';
import { hashFile } from '../../src/engine/ingest/hasher';
import type { Logger } from '../../src/engine/logging/logger';
import { seededRandom } from '../../test/helpers/seeded-random';
import { systemClock } from '../../src/engine/time/clock';
import { resolutionClasses, type AssetFilters, type AssetSearch } from '../../src/shared/contract';
import { percentile, round } from '../timing';

export interface CatalogFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: { command: string; value: number };
  ratio?: number;
  target?: { op: '<=' | '>='; value: number; of: 'ratio' | 'value' };
  note?: string;
}

export interface CatalogBenchContext {
  workDir?: string;
  log?: (message: string) => void;
}

const ROWS = 100_000;
const SAMPLES = 200;
const HASH_BYTES = 1024 * 1024 * 1024;

const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => quietLogger,
};

/** The catalog's asset service over a bench catalog, as the engine builds it, without events. */
export function searchService(catalog: Catalog): AssetService {
  const events = new EventBus(quietLogger);
  return new AssetService({
    assets: new AssetRepository(catalog.db),
    locations: new LocationRepository(catalog.db),
    search: new AssetSearchRepository(catalog.db),
    analysis: new AnalysisRepository(catalog.db),
    transact: createTransact(catalog.sqlite),
    events,
    bulkRuns: new BulkRuns(events),
    clock: systemClock,
    onRemoved: () => {},
  });
}

export async function runCatalogBench(context: CatalogBenchContext = {}): Promise<CatalogFigure[]> {
  const log = context.log ?? ((message: string) => console.error(`[catalog] ${message}`));
  const ownDir = context.workDir === undefined;
  const workDir = context.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-bench-'));
  try {
    const rows = syntheticRows(ROWS);
    const figures: CatalogFigure[] = [];

    log(`inserting ${ROWS} rows with bare better-sqlite3`);
    const bareCatalog = open(path.join(workDir, 'bare'));
    const bareMs = timed(() => bareInsert(bareCatalog, rows));
    bareCatalog.close();
    log(`inserting ${ROWS} rows through the repositories`);
    const catalog = open(path.join(workDir, 'repo'));
    const repoMs = timed(() => repositoryInsert(catalog, rows));
    addMediaSummaries(catalog, rows);
    figures.push({
      name: `bulk insert of ${ROWS} assets (+1 location each) through the repositories`,
      value: round(repoMs),
      unit: 'ms',
      baseline: {
        command: 'bare better-sqlite3 prepared INSERTs, same schema, one transaction',
        value: round(bareMs),
      },
      ratio: round(repoMs / bareMs, 3),
      target: { op: '<=', value: 1.5, of: 'ratio' },
      note: 'both into a freshly migrated catalog with its FTS triggers and sort indexes',
    });

    const service = searchService(catalog);
    const search = (input: Partial<AssetSearch>) =>
      service.search({
        query: '',
        filters: {},
        sort: { field: 'addedAt', direction: 'desc' },
        limit: 100,
        cursor: null,
        includeTotal: false,
        ...input,
      });

    log('FTS prefix search');
    const random = seededRandom(7);
    const fts = sample(SAMPLES, () => {
      const word = vocabulary[Math.floor(random() * vocabulary.length)]!;
      const words =
        random() < 0.5
          ? word.slice(0, 3)
          : `${word.slice(0, 4)} ${vocabulary[Math.floor(random() * vocabulary.length)]!.slice(0, 2)}`;
      search({ query: words });
    });
    figures.push({
      name: `FTS prefix search over ${ROWS} assets, first page of 100, p95`,
      value: round(percentile(fts, 0.95), 2),
      unit: 'ms',
      target: { op: '<=', value: 20, of: 'value' },
      note: `p50 ${round(percentile(fts, 0.5), 2)} ms over ${SAMPLES} queries (1-2 word prefixes)`,
    });
    figures.push({
      name: `FTS prefix search over ${ROWS} assets, p50`,
      value: round(percentile(fts, 0.5), 2),
      unit: 'ms',
    });

    log('library pages');
    const sorts = ['title', 'durationSeconds', 'addedAt', 'sizeBytes', 'resolutionClass'] as const;
    const filterSets: AssetFilters[] = [
      { status: ['ready', 'new'], codec: ['h264', 'hevc'] },
      { status: ['error'], resolutionClass: ['4K'] },
      { durationMin: 3600, codec: ['prores'] },
      { status: ['synced', 'dirty'], durationMax: 600 },
    ];
    const cursors = new Map<string, string | null>();
    const pages = sample(SAMPLES, (index) => {
      const field = sorts[index % sorts.length]!;
      const direction = index % 2 === 0 ? 'asc' : 'desc';
      const filterIndex = Math.floor(index / sorts.length) % filterSets.length;
      const key = `${field}-${direction}-${filterIndex}`;
      const page = search({
        filters: filterSets[filterIndex]!,
        sort: { field, direction },
        cursor: cursors.get(key) ?? null,
      });
      cursors.set(key, page.nextCursor);
    });
    figures.push({
      name: 'one library page (100 rows, filtered, sorted, keyset), p95',
      value: round(percentile(pages, 0.95), 2),
      unit: 'ms',
      target: { op: '<=', value: 10, of: 'value' },
      note: `p50 ${round(percentile(pages, 0.5), 2)} ms over ${SAMPLES} pages: 4 filter sets (broad to narrow), 5 sorts, both ways, following cursors`,
    });
    catalog.close();

    log('writing a 1 GiB file');
    const big = path.join(workDir, 'one-gib.bin');
    writeRandomFile(big, HASH_BYTES);
    await bareHash(big); // warm the page cache
    const engineRuns: number[] = [];
    const bareRuns: number[] = [];
    let engineSha = '';
    let bareSha = '';
    for (let run = 0; run < 3; run += 1) {
      log(`hashing, run ${run + 1} of 3`);
      let start = performance.now();
      bareSha = await bareHash(big);
      bareRuns.push(performance.now() - start);
      start = performance.now();
      engineSha = (await hashFile(big)).sha256;
      engineRuns.push(performance.now() - start);
    }
    if (engineSha !== bareSha)
      throw new Error('the engine and the bare loop disagree on the sha256');
    fs.rmSync(big);
    const engineMs = median(engineRuns);
    const bareHashMs = median(bareRuns);
    figures.push({
      name: 'sha256 of a 1 GiB file through the engine hasher (median of 3)',
      value: round(engineMs),
      unit: 'ms',
      baseline: {
        command: 'node crypto sha256, fs read loop, 1 MiB buffer',
        value: round(bareHashMs),
      },
      ratio: round(engineMs / bareHashMs, 3),
      target: { op: '<=', value: 1.1, of: 'ratio' },
      note: `${round(HASH_BYTES / 1e6 / (engineMs / 1000))} MB/s vs ${round(HASH_BYTES / 1e6 / (bareHashMs / 1000))} MB/s, warm page cache`,
    });
    return figures;
  } finally {
    if (ownDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

export function open(dir: string): Catalog {
  fs.mkdirSync(dir, { recursive: true });
  return openCatalog({ dataDir: dir, migrationsDir: defaultMigrationsDir, logger: quietLogger });
}

interface SyntheticRow {
  asset: NewAssetInput;
  path: string;
  mtimeMs: number;
  codec: string;
  durationSeconds: number;
}

const syllables = [
  'ka',
  'ri',
  'to',
  'mon',
  'el',
  'sa',
  'vin',
  'dor',
  'lu',
  'pe',
  'nia',
  'gro',
  'tes',
  'bal',
  'qui',
  'zen',
];
const vocabulary = Array.from({ length: 3000 }, (_, index) => {
  let n = index + 17;
  let word = '';
  for (let part = 0; part < 3; part += 1) {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length) + part * 7;
  }
  return word;
});

export function syntheticRows(count: number): SyntheticRow[] {
  const random = seededRandom(42);
  const statuses = ['new', 'ready', 'ready', 'synced', 'error', 'dirty'] as const;
  const codecs = ['h264', 'hevc', 'prores', 'vp9', 'av1'];
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const base = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, index) => {
    const title = `${pick(vocabulary)} ${pick(vocabulary)} ${pick(vocabulary)}`;
    const fileName = `${index + 1}_${title.replaceAll(' ', '-')}.mp4`;
    const at = new Date(base + index * 60_000).toISOString();
    return {
      asset: {
        sha256: createHash('sha256').update(String(index)).digest('hex'),
        sizeBytes: Math.floor(random() * 5e9),
        fileName,
        extension: 'mp4',
        title,
        description: `${pick(vocabulary)} ${pick(vocabulary)} ${pick(vocabulary)} ${pick(vocabulary)}`,
        ageRating: 'ALL',
        contentId: index + 1,
        slug: title.replaceAll(' ', '-'),
        tagsJson: JSON.stringify([pick(vocabulary), pick(vocabulary)]),
        notes: '',
        status: pick(statuses),
        needsAnalysis: false,
        addedAt: at,
        updatedAt: at,
      },
      path: `/media/reel-${index % 500}/${fileName}`,
      mtimeMs: base + index,
      codec: pick(codecs),
      durationSeconds: Math.round(random() * 7200 * 10) / 10,
    };
  });
}

export function repositoryInsert(catalog: Catalog, rows: readonly SyntheticRow[]): void {
  const assets = new AssetRepository(catalog.db);
  const locations = new LocationRepository(catalog.db);
  createTransact(catalog.sqlite)(() => {
    for (const row of rows) {
      const assetId = assets.insert(row.asset);
      locations.insert({
        assetId,
        pathKey: row.path,
        path: row.path,
        pathBytes: null,
        folder: path.dirname(row.path),
        fileName: row.asset.fileName,
        sizeBytes: row.asset.sizeBytes,
        mtimeMs: row.mtimeMs,
        firstSeenAt: row.asset.addedAt,
        lastSeenAt: row.asset.addedAt,
      });
    }
  });
}

/** Media summaries, as analysis would write them, so filters have something to filter. */
export function addMediaSummaries(catalog: Catalog, rows: readonly SyntheticRow[]): void {
  const update = catalog.sqlite.prepare(
    'UPDATE assets SET codec = ?, duration_seconds = ?, resolution_class = ? WHERE id = ?',
  );
  catalog.sqlite.transaction(() => {
    rows.forEach((row, index) =>
      update.run(row.codec, row.durationSeconds, resolutionClasses[index % 6], index + 1),
    );
  })();
}

export function bareInsert(catalog: Catalog, rows: readonly SyntheticRow[]): void {
  const insertAsset = catalog.sqlite.prepare(
    `INSERT INTO assets (sha256, size_bytes, file_name, extension, title, description, age_rating,
       content_id, slug, tags_json, notes, status, needs_analysis, added_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insertLocation = catalog.sqlite.prepare(
    `INSERT INTO asset_locations (asset_id, path_key, path, path_bytes, folder, file_name, size_bytes,
       mtime_ms, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  catalog.sqlite.transaction(() => {
    for (const { asset, path: file, mtimeMs } of rows) {
      const { id } = insertAsset.get(
        asset.sha256,
        asset.sizeBytes,
        asset.fileName,
        asset.extension,
        asset.title,
        asset.description,
        asset.ageRating,
        asset.contentId,
        asset.slug,
        asset.tagsJson,
        asset.notes,
        asset.status,
        asset.needsAnalysis ? 1 : 0,
        asset.addedAt,
        asset.updatedAt,
      ) as { id: number };
      insertLocation.run(
        id,
        file,
        file,
        null,
        path.dirname(file),
        asset.fileName,
        asset.sizeBytes,
        mtimeMs,
        asset.addedAt,
        asset.addedAt,
      );
    }
  })();
}

async function bareHash(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

function writeRandomFile(file: string, bytes: number): void {
  const block = Buffer.alloc(16 * 1024 * 1024);
  const random = seededRandom(1);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE(Math.floor(random() * 2 ** 32), i);
  const fd = fs.openSync(file, 'w');
  try {
    for (let written = 0; written < bytes; written += block.length) {
      block.writeUInt32LE(written / block.length, 0); // no two blocks alike
      fs.writeSync(fd, block, 0, Math.min(block.length, bytes - written));
    }
  } finally {
    fs.closeSync(fd);
  }
}

function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function sample(count: number, work: (index: number) => void): number[] {
  for (let i = 0; i < 10; i += 1) work(i); // warm-up: statement caches, page cache
  return Array.from({ length: count }, (_, index) => timed(() => work(index)));
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runCatalogBench().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
