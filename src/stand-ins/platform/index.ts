export { startPlatformStandIn } from './start-platform-stand-in';
export type {
  PlatformStandIn,
  PlatformStandInOptions,
  RecordedRequest,
} from './start-platform-stand-in';
export type { IdentityServerState, StandInUser, StandInUserInput } from './identity-server';
export type {
  ContentSeed,
  PlatformStore,
  PlatformStoreSnapshot,
  StoredContent,
  StoredVideoAsset,
  VideoAssetSeed,
} from './platform-store';
export type { PlatformData } from './platform-data-file';
export { PLATFORM_TIMESTAMP } from './platform-timestamp';
