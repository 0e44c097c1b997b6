import { EmptyState } from './EmptyState';
import { ViewHeader } from './ViewHeader';

export function LibraryView() {
  return (
    <>
      <ViewHeader title="Library">Every asset in your offline catalog.</ViewHeader>
      <EmptyState icon="library" title="The library is empty">
        Adding files and watch folders is not built yet. When it is, each asset you add appears here
        with its thumbnail, duration and sync state, searchable offline.
      </EmptyState>
    </>
  );
}
