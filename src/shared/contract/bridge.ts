import type { ContractTransport } from './client';

/**
 * What the Electron preload exposes as `window.dailies`: the transport only, which the
 * renderer wraps with createApiClient(). The preload refuses method names that are not in
 * the contract, so the page cannot reach anything else through it.
 */
export type DailiesBridge = ContractTransport;

/** The global name the preload exposes the bridge under. */
export const bridgeKey = 'dailies';
