import { afterEach, describe, expect, it } from 'vitest';
import { DailiesError } from '../../src/shared/contract';
import { openCatalog, type Catalog } from '../../src/engine/catalog/open-catalog';
import { AnalysisRepository } from '../../src/engine/catalog/repositories/analysis-repository';
import { AssetRepository } from '../../src/engine/catalog/repositories/asset-repository';
import { AssetSearchRepository } from '../../src/engine/catalog/repositories/asset-search-repository';
import { LocationRepository } from '../../src/engine/catalog/repositories/location-repository';
import { AssetService } from '../../src/engine/catalog/asset-service';
import { createTransact } from '../../src/engine/catalog/transact';
import { defaultMigrationsDir } from '../../src/engine/create-engine';
import { BulkRuns } from '../../src/engine/events/bulk-runs';
import { EventBus } from '../../src/engine/events/event-bus';
import { systemClock } from '../../src/engine/time/clock';
import { folderOf } from '../helpers/bulk-library';
import { call, testEngine } from '../helpers/engine';
import { recordingLogger } from '../helpers/recording-logger';
import { tempDir } from '../helpers/temp-dir';

const opened: Catalog[] = [];
afterEach(() => {
  for (const catalog of opened.splice(0)) catalog.close();
});

describe('a stopped removal whose notice of the moved assets fails', () => {
  it('still answers that it was stopped, with how many moved', async () => {
    const dataDir = tempDir('dailies-remove-notice-');
    const seed = testEngine({ dataDir, startWork: false });
    const { assetIds: ids } = await call(seed, 'assets.addPaths', { paths: [folderOf(100)] });
    await seed.dispose();

    const { logger } = recordingLogger();
    const catalog = openCatalog({ dataDir, migrationsDir: defaultMigrationsDir, logger });
    opened.push(catalog);
    const events = new EventBus(logger);
    const bulkRuns = new BulkRuns(events, 8);
    const service = new AssetService({
      assets: new AssetRepository(catalog.db),
      locations: new LocationRepository(catalog.db),
      search: new AssetSearchRepository(catalog.db),
      analysis: new AnalysisRepository(catalog.db),
      transact: createTransact(catalog.sqlite),
      events,
      bulkRuns,
      clock: systemClock,
      // Whatever stops the syncs of removed assets fails.
      onRemoved: () => {
        throw new Error('the sync domain is gone');
      },
    });
    events.subscribe((event) => {
      if (event.name === 'bulk.progress') bulkRuns.cancel(event.payload.runId);
    });

    const answer = await service.remove(ids).then(
      () => null,
      (error: unknown) => error,
    );
    expect(answer).toBeInstanceOf(DailiesError);
    expect(answer).toMatchObject({
      code: 'E_CANCELLED',
      message: 'Stopped: 8 of 100 assets moved to the trash; the others are still in the library.',
    });
  });
});
