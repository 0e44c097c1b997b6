import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Asset, DailiesApi, IngestProblem, Profile } from '../../shared/contract';
import { defaultsFromFileName } from '../../shared/metadata';
import { scanPaths } from '../../engine/ingest/scanner';
import { displayPath } from '../../engine/ingest/raw-path';
import { videoExtensionSet } from '../../engine/ingest/video-extensions';
import { thumbnailObjectKey, videoObjectKey, s3Url } from '../../engine/storage/object-keys';
import { allAssets } from '../assets/resolve-assets';

/** What `ingest --dry-run` would do with one file. */
export interface PlannedFile {
  path: string;
  /** add: new to the catalog; known: already in it; upload/skip/fail: with --upload. */
  action: 'add' | 'known' | 'upload' | 'skip' | 'fail';
  assetId: number | null;
  contentId: number | null;
  title: string | null;
  video: string | null;
  thumbnail: string | null;
  reason: string | null;
}

/**
 * The plan of an ingest (and upload) without doing any of it: the files are walked and
 * read, the catalog is only read, nothing is written anywhere. A new file's title, content
 * id and keys are the ones its name gives, as the ingest would set them.
 */
export async function planIngest(
  api: DailiesApi,
  paths: readonly string[],
  profile: Profile | null,
): Promise<{ files: PlannedFile[]; problems: IngestProblem[] }> {
  const settings = await api.invoke('settings.get', {});
  const known = new Map<string, Asset>();
  const foldersRead = new Set<string>();
  const files: PlannedFile[] = [];
  const problems: IngestProblem[] = [];
  for await (const entry of scanPaths(paths, {
    videoExtensions: videoExtensionSet(settings.extraVideoExtensions),
  })) {
    if (entry.kind === 'problem') problems.push(entry.problem);
    if (entry.kind !== 'file') continue;
    const file = displayPath(entry.path);
    const folder = path.dirname(file);
    if (!foldersRead.has(folder)) {
      foldersRead.add(folder);
      for await (const asset of allAssets(api, { filters: { folder } })) {
        for (const location of asset.locations) known.set(location.path, asset);
      }
    }
    files.push(await planFile(file, known.get(file) ?? null, profile));
  }
  return { files, problems };
}

async function planFile(
  file: string,
  asset: Asset | null,
  profile: Profile | null,
): Promise<PlannedFile> {
  const fileName = path.basename(file);
  const metadata = asset ?? { ...(await nameDefaults(file, fileName)), status: 'new' as const };
  const base: PlannedFile = {
    path: file,
    action: asset ? 'known' : 'add',
    assetId: asset?.id ?? null,
    contentId: metadata.contentId,
    title: metadata.title,
    video: null,
    thumbnail: null,
    reason: null,
  };
  if (!profile) return base;
  if (metadata.status === 'synced') {
    return { ...base, action: 'skip', reason: 'already on the platform, unchanged' };
  }
  if (metadata.status === 'error') {
    return { ...base, action: 'fail', reason: 'its analysis failed (see "dailies show")' };
  }
  if (metadata.contentId === null) {
    return {
      ...base,
      action: 'fail',
      reason: 'no content id: name the file {content_id}_{slug}.ext or use "dailies set"',
    };
  }
  const parts = {
    keyPrefix: profile.keyPrefix,
    contentId: metadata.contentId,
    slug: metadata.slug,
  };
  return {
    ...base,
    action: 'upload',
    video: s3Url(profile.bucket, videoObjectKey({ ...parts, extension: path.extname(fileName) })),
    thumbnail: s3Url(profile.bucket, thumbnailObjectKey(parts)),
  };
}

/**
 * The title, content id and slug the ingest takes from the name. A name with no usable
 * letters gets a slug from the content's hash, so only then is the file read.
 */
async function nameDefaults(file: string, fileName: string) {
  const placeholder = '0'.repeat(64);
  const quick = defaultsFromFileName(fileName, placeholder);
  if (quick.slug !== `asset-${placeholder.slice(0, 8)}`) return quick;
  return defaultsFromFileName(fileName, await sha256(file));
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
