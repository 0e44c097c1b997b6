export { startPlatformStandIn } from './start-platform-stand-in';
export type {
  PlatformStandIn,
  PlatformStandInOptions,
  RecordedRequest,
} from './start-platform-stand-in';
export type { IdentityServerState, StandInUser, StandInUserInput } from './identity-server';
export type { PlatformStore, StoredContent, StoredVideoAsset } from './platform-store';
export { PLATFORM_TIMESTAMP } from './platform-timestamp';
