import { useRef, useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDailies } from '../../store/store-context';
import { AddPathsDialog } from './AddPathsDialog';
import { AssetDetail } from './AssetDetail';
import { AssetCards } from './AssetCards';
import { AssetTable } from './AssetTable';
import { BulkEdit } from './BulkEdit';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { IngestPanel } from './IngestPanel';
import { LibraryToolbar } from './LibraryToolbar';
import { SendLeftOut, SendToPlatform } from './SendToPlatform';
import { TmdbReview } from './suggestions/TmdbReview';

/**
 * Every asset in the offline catalog: search and filter, a virtualised list, the selected
 * asset's metadata (or a bulk edit of several), adding footage, and the trash.
 */
export function LibraryView() {
  // Only what changes the view's frame: not the count, nor whether a search is on its way
  // while rows show (those change on every key typed in the search, and a render here
  // renders the whole view; `ListCount` and the list read them themselves).
  const { mode, empty, loadingEmpty, error, notice, hasQuery } = useDailies(
    useShallow((s) => ({
      mode: s.libraryMode,
      empty: s.assets.length === 0,
      loadingEmpty: s.assetsLoading && s.assets.length === 0,
      error: s.assetsError,
      notice: s.libraryNotice,
      hasQuery: s.libraryQuery.text !== '' || Object.keys(s.libraryQuery.filters).length > 0,
    })),
  );
  const setMode = useDailies((s) => s.setLibraryMode);
  const layout = useDailies((s) => s.libraryLayout);
  const setLayout = useDailies((s) => s.setLibraryLayout);
  const canPick = useDailies((s) => s.canPickFiles);
  const pickAndAdd = useDailies((s) => s.pickAndAdd);
  const pathsOfDropped = useDailies((s) => s.pathsOfDroppedFiles);
  const addPaths = useDailies((s) => s.addPaths);
  const emptyTrash = useDailies((s) => s.emptyTrash);
  const [adding, setAdding] = useState<{ note?: string } | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [dropping, setDropping] = useState(false);
  const detail = useRef<HTMLDivElement>(null);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDropping(false);
    const paths = pathsOfDropped(Array.from(event.dataTransfer.files));
    if (paths === null) {
      // A browser does not tell a page where a dropped file lives.
      setAdding({
        note: 'A browser cannot tell Dailies where dropped files are. Type or paste their paths instead.',
      });
    } else if (paths.length > 0) {
      void addPaths(paths);
    }
  };

  const editSelected = () =>
    detail.current?.querySelector<HTMLElement>('input:not([readonly]), select')?.focus();

  return (
    <div
      className={`library${dropping ? ' is-dropping' : ''}`}
      onDragOver={(e) => {
        if (mode !== 'library' || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDropping(false);
      }}
      onDrop={onDrop}
    >
      <header className="library-header">
        <div>
          <h1 id="view-title">{mode === 'trash' ? 'Trash' : 'Library'}</h1>
          <p className="view-lede">
            {mode === 'trash'
              ? 'Removed assets, with their metadata and history. Files on disk are never touched.'
              : 'Every asset in your offline catalog.'}
          </p>
        </div>
        <div className="header-actions">
          <div className="segmented" role="group" aria-label="Layout">
            <button
              type="button"
              aria-pressed={layout === 'list'}
              onClick={() => setLayout('list')}
            >
              List
            </button>
            <button
              type="button"
              aria-pressed={layout === 'grid'}
              onClick={() => setLayout('grid')}
            >
              Grid
            </button>
          </div>
          <div className="segmented" role="group" aria-label="Show">
            <button
              type="button"
              aria-pressed={mode === 'library'}
              onClick={() => setMode('library')}
            >
              All assets
            </button>
            <button type="button" aria-pressed={mode === 'trash'} onClick={() => setMode('trash')}>
              Trash
            </button>
          </div>
          {mode === 'trash' ? (
            <button
              type="button"
              className="button button-danger"
              disabled={empty}
              onClick={() => setConfirmEmpty(true)}
            >
              Empty trash…
            </button>
          ) : canPick ? (
            <>
              <SendToPlatform />
              <button type="button" className="button" onClick={() => void pickAndAdd('folder')}>
                Add folder…
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={() => void pickAndAdd('files')}
              >
                Add files…
              </button>
            </>
          ) : (
            <>
              <SendToPlatform />
              <button type="button" className="button button-primary" onClick={() => setAdding({})}>
                Add files or folders…
              </button>
            </>
          )}
        </div>
      </header>

      {mode === 'library' ? <LibraryToolbar /> : null}
      <IngestPanel />
      <div className="library-notice" role="status">
        {notice ? (
          <p className={notice.tone === 'ok' ? 'notice-ok' : 'notice-bad'}>{notice.text}</p>
        ) : null}
        <SendLeftOut />
      </div>
      {error ? (
        <p role="alert" className="form-message form-message-bad">
          {error}
        </p>
      ) : null}

      <div className="library-split">
        <div className="library-list">
          <ListCount />
          {empty && !loadingEmpty ? (
            <EmptyList mode={mode} hasQuery={hasQuery} />
          ) : layout === 'grid' ? (
            <AssetCards onEdit={editSelected} />
          ) : (
            <AssetTable onEdit={editSelected} />
          )}
        </div>
        <aside className="library-side" ref={detail} aria-label="Selected assets">
          <SidePanel />
        </aside>
      </div>

      {adding ? <AddPathsDialog note={adding.note} onClose={() => setAdding(null)} /> : null}
      {confirmEmpty ? (
        <EmptyTrashConfirm
          onCancel={() => setConfirmEmpty(false)}
          onConfirm={() => {
            setConfirmEmpty(false);
            void emptyTrash();
          }}
        />
      ) : null}
    </div>
  );
}

/** How many assets the list holds (all of them, not only the loaded pages). */
function ListCount() {
  const { mode, count, total, loading } = useDailies(
    useShallow((s) => ({
      mode: s.libraryMode,
      count: s.assets.length,
      total: s.assetsTotal,
      loading: s.assetsLoading && s.assets.length === 0,
    })),
  );
  return (
    <p className="list-count muted" aria-live="polite">
      {loading
        ? 'Loading…'
        : `${total ?? count} ${mode === 'trash' ? 'in the trash' : (total ?? count) === 1 ? 'asset' : 'assets'}`}
    </p>
  );
}

function EmptyTrashConfirm({
  onCancel,
  onConfirm,
}: {
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const count = useDailies((s) => s.assetsTotal ?? s.assets.length);
  return (
    <ConfirmDialog
      title="Empty the trash?"
      confirmLabel={`Forget ${count} assets`}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      The assets in the trash, their metadata and history are removed from the catalog for good.
      This cannot be undone. Files on disk stay untouched.
    </ConfirmDialog>
  );
}

function SidePanel() {
  const selectedIds = useDailies(useShallow((s) => s.selectedIds));
  const mode = useDailies((s) => s.libraryMode);
  const asset = useDailies((s) =>
    s.selectedIds.length === 1 ? (s.assets.find((a) => a.id === s.selectedIds[0]) ?? null) : null,
  );
  const reviewing = useDailies((s) => s.tmdbReview !== null);
  if (reviewing && mode === 'library') return <TmdbReview />;
  if (selectedIds.length > 1) return <BulkEdit ids={selectedIds} />;
  if (asset) return <AssetDetail asset={asset} />;
  return (
    <div className="side-empty">
      {mode === 'trash' ? (
        <>
          <p>Select an asset to see it, or to restore it to the library.</p>
          <p className="muted">
            Shift-click or Shift+arrows select a range, Ctrl/Cmd-click adds one. Ctrl/Cmd+A selects
            everything in the trash. Press ? for every shortcut.
          </p>
        </>
      ) : (
        <>
          <p>Select an asset to see and edit its metadata.</p>
          <p className="muted">
            Shift-click or Shift+arrows select a range, Ctrl/Cmd-click adds one. Ctrl/Cmd+A selects
            everything listed. Ctrl/Cmd+Enter sends the selection to the platform. Press ? for every
            shortcut.
          </p>
        </>
      )}
    </div>
  );
}

function EmptyList({ mode, hasQuery }: { mode: 'library' | 'trash'; hasQuery: boolean }) {
  return (
    <div className="list-empty">
      {mode === 'trash' ? (
        <p>The trash is empty.</p>
      ) : hasQuery ? (
        <p>No asset matches this search and these filters.</p>
      ) : (
        <>
          <p>The library is empty.</p>
          <p className="muted">
            Add files or folders of footage; they are read where they are, never moved.
          </p>
        </>
      )}
    </div>
  );
}
