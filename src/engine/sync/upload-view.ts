import type { UploadProgress } from '../storage/upload/upload-progress';

/** An upload in flight as `sync.status` and `sync.progress` show it. */
export function uploadView(progress: UploadProgress) {
  return {
    key: progress.key,
    bytesSent: progress.bytesSent,
    bytesTotal: progress.totalBytes,
    bytesPerSecond: progress.bytesPerSecond,
    etaSeconds: progress.etaSeconds ?? null,
  };
}
