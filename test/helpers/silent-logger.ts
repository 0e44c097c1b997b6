import type { Logger } from '../../src/engine/logging/logger';

/** A Logger that writes nowhere, for code under test that needs one but says nothing tested. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
