import { EmptyState } from './EmptyState';
import { ViewHeader } from './ViewHeader';

export function QueueView() {
  return (
    <>
      <ViewHeader title="Upload queue">
        Assets on their way to the platform&apos;s bucket and catalog.
      </ViewHeader>
      <EmptyState icon="queue" title="Nothing is queued">
        Uploading and registering with the platform is not built yet. When it is, assets you send
        wait here with their progress until the platform has them.
      </EmptyState>
    </>
  );
}
