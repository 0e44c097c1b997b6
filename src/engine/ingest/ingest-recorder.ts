import path from 'node:path';
import { defaultsFromFileName } from '../../shared/metadata/file-name-defaults';
import type { AssetRepository, AssetRow } from '../catalog/repositories/asset-repository';
import type { EditHistoryRepository } from '../catalog/repositories/edit-history-repository';
import type { LocationRepository, LocationRow } from '../catalog/repositories/location-repository';
import type { Transact } from '../catalog/transact';
import { displayPath, pathBytes, pathKey, type RawPath } from './raw-path';
import { extensionOf } from './video-extensions';

export type IngestOutcome = 'added' | 'duplicate' | 'changed' | 'unchanged';

export interface RecordResult {
  outcome: IngestOutcome;
  assetId: number;
  restored: boolean;
}

export interface IngestRecorderDeps {
  assets: AssetRepository;
  locations: LocationRepository;
  history: EditHistoryRepository;
  transact: Transact;
  actor: string;
}

export interface FileFacts {
  path: RawPath;
  sizeBytes: number;
  mtimeMs: number;
}

/**
 * The catalog side of ingest: each decision (new asset, new location of known content,
 * changed file) is taken and written in one synchronous transaction, so two overlapping
 * ingests in this process can never both create the same asset or location.
 */
export class IngestRecorder {
  constructor(private readonly deps: IngestRecorderDeps) {}

  /**
   * Many files in one transaction (one commit for a whole group keeps a 10,000-file folder
   * fast); each file still gets its own savepoint, so one failure does not undo the others.
   */
  recordUnchangedMany(
    files: readonly FileFacts[],
    at: string,
    restoreTrashed: boolean,
  ): Array<RecordResult | null> {
    return this.deps.transact(() =>
      files.map((file) => this.recordIfUnchanged(file, at, restoreTrashed)),
    );
  }

  recordHashedMany(
    items: ReadonlyArray<{ file: FileFacts; sha256: string }>,
    at: string,
    restoreTrashed: boolean,
  ): Array<RecordResult | { error: unknown }> {
    return this.deps.transact(() =>
      items.map((item) => {
        try {
          return this.recordHashed(item.file, item.sha256, at, restoreTrashed);
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  /** A known location whose size and mtime did not move: no need to read the file again. */
  recordIfUnchanged(file: FileFacts, at: string, restoreTrashed: boolean): RecordResult | null {
    return this.deps.transact(() => {
      const location = this.deps.locations.findByPathKey(pathKey(file.path));
      if (!location || location.sizeBytes !== file.sizeBytes || location.mtimeMs !== file.mtimeMs) {
        return null;
      }
      this.deps.locations.markSeen(location.id, file.sizeBytes, file.mtimeMs, at);
      return {
        outcome: 'unchanged',
        assetId: location.assetId,
        restored: this.#restoreIfTrashed(location.assetId, restoreTrashed, at),
      };
    });
  }

  recordHashed(file: FileFacts, sha256: string, at: string, restoreTrashed: boolean): RecordResult {
    return this.deps.transact(() => {
      const location = this.deps.locations.findByPathKey(pathKey(file.path));
      const known = this.deps.assets.findBySha256(sha256);
      if (!location) {
        if (known) {
          this.#insertLocation(known.id, file, at);
          return {
            outcome: 'duplicate',
            assetId: known.id,
            restored: this.#restoreIfTrashed(known.id, restoreTrashed, at),
          };
        }
        const assetId = this.#insertAsset(file, sha256, at);
        this.#insertLocation(assetId, file, at);
        return { outcome: 'added', assetId, restored: false };
      }
      this.deps.locations.markSeen(location.id, file.sizeBytes, file.mtimeMs, at);
      const current = this.deps.assets.findById(location.assetId);
      if (current && current.sha256 === sha256) {
        // Touched (mtime moved) but the same content.
        return {
          outcome: 'unchanged',
          assetId: current.id,
          restored: this.#restoreIfTrashed(current.id, restoreTrashed, at),
        };
      }
      return {
        outcome: 'changed',
        assetId: this.#moveChanged(location, current, file, sha256, at),
        restored: false,
      };
    });
  }

  /**
   * The file at a known path has new content. It keeps its asset (and the editor's
   * metadata) when it was that asset's only file; otherwise it joins the asset that already
   * has this content, or becomes a new one. Either way it needs analysing again.
   */
  #moveChanged(
    location: LocationRow,
    current: AssetRow | undefined,
    file: FileFacts,
    sha256: string,
    at: string,
  ): number {
    const known = this.deps.assets.findBySha256(sha256);
    if (known) {
      this.deps.locations.moveToAsset(location.id, known.id);
      return known.id;
    }
    if (current && this.deps.locations.countForAsset(current.id) === 1) {
      this.deps.assets.update(current.id, {
        sha256,
        sizeBytes: file.sizeBytes,
        needsAnalysis: true,
        status: 'new',
        updatedAt: at,
      });
      this.deps.history.insert({
        assetId: current.id,
        batchId: `file-${location.id}-${at}`,
        kind: 'file-changed',
        actor: this.deps.actor,
        at,
        changesJson: JSON.stringify([
          { field: 'sha256', from: current.sha256, to: sha256 },
          { field: 'sizeBytes', from: current.sizeBytes, to: file.sizeBytes },
        ]),
      });
      return current.id;
    }
    const assetId = this.#insertAsset(file, sha256, at);
    this.deps.locations.moveToAsset(location.id, assetId);
    return assetId;
  }

  #insertAsset(file: FileFacts, sha256: string, at: string): number {
    const fileName = path.basename(displayPath(file.path));
    const defaults = defaultsFromFileName(fileName, sha256);
    return this.deps.assets.insert({
      sha256,
      sizeBytes: file.sizeBytes,
      fileName,
      extension: extensionOf(fileName),
      title: defaults.title,
      description: defaults.description,
      ageRating: 'ALL',
      contentId: defaults.contentId,
      slug: defaults.slug,
      tagsJson: '[]',
      notes: '',
      status: 'new',
      needsAnalysis: true,
      addedAt: at,
      updatedAt: at,
    });
  }

  #insertLocation(assetId: number, file: FileFacts, at: string): void {
    const display = displayPath(file.path);
    this.deps.locations.insert({
      assetId,
      pathKey: pathKey(file.path),
      path: display,
      pathBytes: pathBytes(file.path),
      folder: path.dirname(display),
      fileName: path.basename(display),
      sizeBytes: file.sizeBytes,
      mtimeMs: file.mtimeMs,
      firstSeenAt: at,
      lastSeenAt: at,
    });
  }

  #restoreIfTrashed(assetId: number, restoreTrashed: boolean, at: string): boolean {
    if (!restoreTrashed) return false;
    return this.deps.assets.restore([assetId], at).length > 0;
  }
}
