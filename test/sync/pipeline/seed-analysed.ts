import type { Engine } from '../../../src/engine/create-engine';
import type { Asset } from '../../../src/shared/contract';
import { catalogSql } from '../../helpers/catalog';
import { call } from '../../helpers/engine';

/**
 * Adds `files` (copies of the clip `reference` was analysed from, each with its own padding)
 * and gives each the reference's analysis instead of running ffmpeg 50 times: the queue and
 * the uploader are under test here, not the analysis. Their own analyse jobs are cancelled.
 */
export async function addWithAnalysisOf(
  engine: Engine,
  files: string[],
  reference: Asset,
): Promise<Asset[]> {
  const report = await call(engine, 'assets.addPaths', { paths: files });
  await call(engine, 'jobs.cancel', { all: true, kind: 'analyse' });
  const db = catalogSql(engine);
  const copy = db.transaction((ids: number[]) => {
    for (const id of ids) {
      db.prepare(
        `UPDATE assets SET (status, needs_analysis, codec, width, height, resolution_class,
           duration_seconds) = (SELECT 'ready', 0, codec, width, height, resolution_class,
           duration_seconds FROM assets WHERE id = @ref) WHERE id = @id`,
      ).run({ id, ref: reference.id });
      db.prepare(
        `INSERT OR REPLACE INTO analysis_results (asset_id, sha256, media_info_json,
           thumbnail_path, filmstrip_path, checks_json, analysed_at)
         SELECT @id, (SELECT sha256 FROM assets WHERE id = @id), media_info_json,
           thumbnail_path, filmstrip_path, checks_json, analysed_at
         FROM analysis_results WHERE asset_id = @ref`,
      ).run({ id, ref: reference.id });
    }
  });
  copy(report.assetIds);
  return Promise.all(report.assetIds.map((id) => call(engine, 'assets.get', { id })));
}
