import { accountMethods } from './account';
import { appMethods } from './app';
import { bulkMethods } from './bulk';
import { catalogMethods } from './catalog';
import { profileMethods } from './profiles';
import { analysisMethods } from './analysis';
import { jobsMethods } from './jobs';
import { settingsMethods } from './settings';
import { syncMethods } from './sync-methods';
import { tmdbMethods } from './tmdb';

/** The whole API: one map, from which every host and the renderer derive their types. */
export const methods = {
  ...appMethods,
  ...settingsMethods,
  ...catalogMethods,
  ...profileMethods,
  ...accountMethods,
  ...analysisMethods,
  ...jobsMethods,
  ...bulkMethods,
  ...syncMethods,
  ...tmdbMethods,
};
