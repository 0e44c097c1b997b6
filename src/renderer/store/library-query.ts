import type { AssetFilters, AssetSort, MethodInput } from '../../shared/contract';

/** What the Library lists: the search text, the filters and the order. */
export interface LibraryQuery {
  text: string;
  filters: AssetFilters;
  sort: AssetSort;
}

export const PAGE_SIZE = 100;

/** What the window opens on: everything, newest first. */
export const defaultQuery: LibraryQuery = {
  text: '',
  filters: {},
  sort: { field: 'addedAt', direction: 'desc' },
};

/**
 * The `assets.search` input for a page of `query`. One builder, so the page the window asks
 * for before its script has finished loading (first-page.ts) is exactly the Library's own
 * first request, key order included.
 */
export function searchInput(
  query: LibraryQuery,
  limit: number,
  cursor: string | null,
  includeTotal: boolean,
): MethodInput<'assets.search'> {
  return {
    query: query.text,
    filters: query.filters,
    sort: query.sort,
    limit,
    cursor,
    includeTotal,
  };
}

/** What the window shows first: the first page of everything, newest first, with the total. */
export function firstPageInput(): MethodInput<'assets.search'> {
  return searchInput(defaultQuery, PAGE_SIZE, null, true);
}
