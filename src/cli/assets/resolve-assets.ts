import path from 'node:path';
import {
  dailiesError,
  type Asset,
  type AssetPage,
  type AssetSearch,
  type DailiesApi,
} from '../../shared/contract';

/** Every asset a search finds, page by page. */
export async function* allAssets(
  api: DailiesApi,
  search: Partial<Pick<AssetSearch, 'query' | 'filters' | 'sort'>> = {},
): AsyncGenerator<Asset> {
  let cursor: string | null = null;
  do {
    const page: AssetPage = await api.invoke('assets.search', { ...search, limit: 500, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/**
 * The asset a word on the command line names: its id (`12`), its content id (`#12`), or the
 * path of one of its files. Fails with E_NOT_FOUND, naming the word, when none matches.
 */
export async function resolveAsset(api: DailiesApi, word: string): Promise<Asset> {
  if (/^\d+$/.test(word)) return api.invoke('assets.get', { id: Number(word) });
  const contentId = /^#(\d+)$/.exec(word)?.[1];
  if (contentId !== undefined) {
    for await (const asset of allAssets(api)) {
      if (asset.contentId === Number(contentId)) return asset;
    }
    throw dailiesError('E_NOT_FOUND', `No asset has the content id ${contentId}.`);
  }
  const found = await assetAtPath(api, path.resolve(word));
  if (found) return found;
  throw dailiesError(
    'E_NOT_FOUND',
    `No asset is known at ${word}. Name an asset by its id (12), content id (#12) or file path.`,
  );
}

export async function resolveAssets(api: DailiesApi, words: readonly string[]): Promise<Asset[]> {
  const assets: Asset[] = [];
  for (const word of words) assets.push(await resolveAsset(api, word));
  return assets;
}

/** The catalog's asset with a file at this absolute path, if any. */
export async function assetAtPath(api: DailiesApi, file: string): Promise<Asset | null> {
  for await (const asset of allAssets(api, { filters: { folder: path.dirname(file) } })) {
    if (asset.locations.some((location) => location.path === file)) return asset;
  }
  return null;
}
