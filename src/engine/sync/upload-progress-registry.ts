import type { UploadProgress } from '../storage/upload/upload-progress';

/**
 * The live progress of the file each running sync uploads now, per asset. The sync runner
 * writes it (set while bytes move, delete when the file is done or the job ends); sync.status
 * and the overview read it.
 */
export class UploadProgressRegistry {
  readonly #byAsset = new Map<number, UploadProgress>();

  set(assetId: number, progress: UploadProgress): void {
    this.#byAsset.set(assetId, progress);
  }

  delete(assetId: number): void {
    this.#byAsset.delete(assetId);
  }

  get(assetId: number): UploadProgress | undefined {
    return this.#byAsset.get(assetId);
  }
}

/** What the sync runner does with it. */
export type UploadProgressWriter = Pick<UploadProgressRegistry, 'set' | 'delete'>;
/** What sync.status and the overview ask of it. */
export type UploadProgressReader = Pick<UploadProgressRegistry, 'get'>;
