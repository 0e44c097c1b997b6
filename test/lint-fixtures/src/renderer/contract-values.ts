// The window takes values from the contract's own files: the index, api.ts and the method
// maps build every method's schemas as they load. Types may come from anywhere.
import { createApiClient } from '../shared/contract'; // contract-import reported
import { events } from '../shared/contract/index'; // contract-import reported
import { dailiesApiShape } from '../shared/contract/api'; // contract-import reported
import { methods } from '../shared/contract/methods'; // contract-import reported
import { catalogMethods } from '../shared/contract/catalog-methods'; // contract-import reported
import type { DailiesApi } from '../shared/contract';
import type { JobsMethods } from '../shared/contract/jobs-methods';
import { isDailiesError } from '../shared/contract/errors';
import { assetSchema } from '../shared/contract/catalog';
export { createApiClient, events, dailiesApiShape, methods, catalogMethods };
export { isDailiesError, assetSchema };
export type { DailiesApi, JobsMethods };
