import { useEffect, useState } from 'react';
import { assetStatuses } from '../../../shared/contract/asset-identity';
import { assetSortFields } from '../../../shared/contract/catalog';
import type { AssetFilters, AssetSort } from '../../../shared/contract';
import { resolutionClasses } from '../../../shared/contract/media';
import { useDailies } from '../../store/store-context';
import { commonCodecs, statusLabels } from './asset-labels';

const sortLabels: Record<AssetSort['field'], string> = {
  addedAt: 'Date added',
  updatedAt: 'Last edited',
  title: 'Title',
  fileName: 'File name',
  status: 'Status',
  codec: 'Codec',
  resolutionClass: 'Resolution',
  durationSeconds: 'Duration',
  sizeBytes: 'File size',
  contentId: 'Content id',
};

/** Search (as you type, full text), sort and the filter row of the library. */
export function LibraryToolbar() {
  const query = useDailies((s) => s.libraryQuery);
  const setQueryText = useDailies((s) => s.setQueryText);
  const searching = useDailies((s) => s.assetsLoading);
  const setSort = useDailies((s) => s.setSort);
  const [text, setText] = useState(query.text);
  const [showFilters, setShowFilters] = useState(false);

  // Each key searches at once, without a debounce's wait: a search takes milliseconds. While
  // one is on its way, keys typed meanwhile wait for it and then go as one search for the
  // latest text, so fast typing never queues a backlog of stale searches.
  useEffect(() => {
    if (text !== query.text && !searching) setQueryText(text);
  }, [text, query.text, searching, setQueryText]);

  const activeFilters = Object.keys(query.filters).length;
  return (
    <div className="library-toolbar">
      <div className="toolbar-row">
        <input
          type="search"
          className="search-input"
          aria-label="Search the library"
          placeholder="Search titles, descriptions, tags, file names"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setQueryText(text);
          }}
        />
        <button
          type="button"
          className="button"
          aria-expanded={showFilters}
          aria-controls="library-filters"
          onClick={() => setShowFilters((v) => !v)}
        >
          Filters{activeFilters > 0 ? ` (${activeFilters})` : ''}
        </button>
        <label className="inline-field">
          <span>Sort by</span>
          <select
            value={query.sort.field}
            onChange={(e) =>
              setSort({ ...query.sort, field: e.target.value as AssetSort['field'] })
            }
          >
            {assetSortFields.map((field) => (
              <option key={field} value={field}>
                {sortLabels[field]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button-icon"
          aria-label={
            query.sort.direction === 'asc'
              ? 'Ascending; switch to descending'
              : 'Descending; switch to ascending'
          }
          onClick={() =>
            setSort({ ...query.sort, direction: query.sort.direction === 'asc' ? 'desc' : 'asc' })
          }
        >
          {query.sort.direction === 'asc' ? '↑' : '↓'}
        </button>
      </div>
      {showFilters ? <FilterRow /> : null}
    </div>
  );
}

function FilterRow() {
  const filters = useDailies((s) => s.libraryQuery.filters);
  const setFilters = useDailies((s) => s.setFilters);
  const [folder, setFolder] = useState(filters.folder ?? '');

  const change = (patch: Partial<AssetFilters>) => {
    const next: Record<string, unknown> = { ...filters, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    setFilters(next as AssetFilters);
  };
  const minutes = (value: string) => (value.trim() === '' ? undefined : Number(value) * 60);
  const day = (value: string, end: boolean) =>
    value === ''
      ? undefined
      : new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}`).toISOString();

  return (
    <div className="toolbar-row filter-row" id="library-filters" role="group" aria-label="Filters">
      <label className="inline-field">
        <span>Status</span>
        <select
          value={filters.status?.[0] ?? ''}
          onChange={(e) =>
            change({
              status: e.target.value
                ? [e.target.value as (typeof assetStatuses)[number]]
                : undefined,
            })
          }
        >
          <option value="">Any</option>
          {assetStatuses.map((status) => (
            <option key={status} value={status}>
              {statusLabels[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Resolution</span>
        <select
          value={filters.resolutionClass?.[0] ?? ''}
          onChange={(e) =>
            change({
              resolutionClass: e.target.value
                ? [e.target.value as (typeof resolutionClasses)[number]]
                : undefined,
            })
          }
        >
          <option value="">Any</option>
          {resolutionClasses.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Codec</span>
        <select
          value={filters.codec?.[0] ?? ''}
          onChange={(e) => change({ codec: e.target.value ? [e.target.value] : undefined })}
        >
          <option value="">Any</option>
          {commonCodecs.map((codec) => (
            <option key={codec} value={codec}>
              {codec}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>Minutes from</span>
        <input
          type="number"
          min={0}
          step="any"
          className="input-narrow"
          value={filters.durationMin === undefined ? '' : filters.durationMin / 60}
          onChange={(e) => change({ durationMin: minutes(e.target.value) })}
        />
      </label>
      <label className="inline-field">
        <span>to</span>
        <input
          type="number"
          min={0}
          step="any"
          className="input-narrow"
          value={filters.durationMax === undefined ? '' : filters.durationMax / 60}
          onChange={(e) => change({ durationMax: minutes(e.target.value) })}
        />
      </label>
      <label className="inline-field">
        <span>Added from</span>
        <input
          type="date"
          value={filters.addedFrom ? localDay(filters.addedFrom) : ''}
          onChange={(e) => change({ addedFrom: day(e.target.value, false) })}
        />
      </label>
      <label className="inline-field">
        <span>to</span>
        <input
          type="date"
          value={filters.addedTo ? localDay(filters.addedTo) : ''}
          onChange={(e) => change({ addedTo: day(e.target.value, true) })}
        />
      </label>
      <label className="inline-field inline-field-grow">
        <span>Folder</span>
        <input
          type="text"
          spellCheck={false}
          placeholder="/path/to/footage"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          onBlur={() => change({ folder: folder.trim() || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') change({ folder: folder.trim() || undefined });
          }}
        />
      </label>
      <button
        type="button"
        className="button button-quiet"
        disabled={Object.keys(filters).length === 0}
        onClick={() => {
          setFolder('');
          setFilters({});
        }}
      >
        Clear filters
      </button>
    </div>
  );
}

function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
