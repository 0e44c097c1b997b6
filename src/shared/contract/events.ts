import { z } from 'zod';
import { assetsChangedSchema, ingestProgressSchema } from './catalog';
import { settingsSchema } from './settings';

/**
 * Every event the engine emits, by name. Hosts forward them unchanged; the renderer
 * subscribes by name and gets the parsed payload type.
 */
export const events = {
  'settings.changed': settingsSchema,
  'engine.ready': z.object({ dataDir: z.string() }),
  'ingest.progress': ingestProgressSchema,
  'assets.changed': assetsChangedSchema,
};
