import { accountMethods } from './account';
import { appMethods } from './app';
import { bulkMethods } from './bulk';
import { catalogMethods } from './catalog-methods';
import { profileMethods } from './profiles';
import { analysisMethods } from './analysis';
import { jobsMethods } from './jobs-methods';
import { settingsMethods } from './settings-methods';
import { syncMethods } from './sync-methods';
import { tmdbMethods } from './tmdb-methods';

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
