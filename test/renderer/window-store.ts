import { createApiClient, type ContractTransport } from '../../src/shared/contract';
import { desktopStillUrl } from '../../src/shared/media-urls';
import { createDailiesStore, type DailiesStore } from '../../src/renderer/store/dailies-store';

/** A window's store (no desktop shell) whose engine is `transport`: the store tests' engine. */
export function windowStoreOver(transport: ContractTransport): DailiesStore {
  return createDailiesStore(createApiClient(transport), {
    stillUrl: desktopStillUrl,
    desktop: null,
    downloadSupportBundle: null,
  });
}
