import { useEffect, useRef } from 'react';
import { useDailies } from '../store/store-context';
import { AccountView } from '../views/account/AccountView';
import { AnalysisView } from '../views/analysis/AnalysisView';
import { LibraryView } from '../views/library/LibraryView';
import { UploadQueueView } from '../views/upload-queue/UploadQueueView';
import { SettingsView } from '../views/settings/SettingsView';
import { BulkProgressStrip } from './BulkProgressStrip';
import { QueueToasts } from './QueueToasts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useGlobalKeys } from './use-global-keys';
import { useTheme } from './use-theme';
import { viewTitles } from './view-titles';

export function App() {
  useTheme();
  useGlobalKeys();
  const view = useDailies((s) => s.view);
  const attention = useDailies((s) => s.queueAttention);
  const main = useRef<HTMLElement>(null);
  const shown = useRef(view);

  useEffect(() => {
    // A browser tab shows what needs the editor even while they work in another tab.
    document.title = `${attention > 0 ? `(${attention}) ` : ''}${viewTitles[view]} · Dailies`;
  }, [attention, view]);

  useEffect(() => {
    // Moving focus to the new view tells keyboard and screen-reader users where they are;
    // not on first load, where focus belongs to the page. Compared with the view last shown
    // rather than counted, so an effect run twice (StrictMode) does not steal focus.
    if (shown.current === view) return;
    shown.current = view;
    main.current?.focus();
  }, [view]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar />
      <main
        id="main"
        className={view === 'library' ? 'content content-full' : 'content'}
        ref={main}
        tabIndex={-1}
        aria-labelledby="view-title"
      >
        {view === 'library' && <LibraryView />}
        {view === 'queue' && <UploadQueueView />}
        {view === 'analysis' && <AnalysisView />}
        {view === 'account' && <AccountView />}
        {view === 'settings' && <SettingsView />}
      </main>
      <BulkProgressStrip />
      <StatusBar />
      <QueueToasts />
      <ShortcutsDialog />
    </div>
  );
}
