import type { AppInfo } from '../../shared/contract';
import type { MediaTools } from '../media/media-tools';

export interface AppIdentity {
  version: string;
  host: AppInfo['host'];
  dataDir: string;
}

export async function readAppInfo(identity: AppIdentity, tools: MediaTools): Promise<AppInfo> {
  const [ffprobe, ffmpeg] = await Promise.all([tools.status('ffprobe'), tools.status('ffmpeg')]);
  return {
    name: 'Dailies',
    version: identity.version,
    dataDir: identity.dataDir,
    host: identity.host,
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
    ffprobe,
    ffmpeg,
  };
}
