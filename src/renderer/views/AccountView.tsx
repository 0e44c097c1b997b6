import { EmptyState } from './EmptyState';
import { ViewHeader } from './ViewHeader';

export function AccountView() {
  return (
    <>
      <ViewHeader title="Account">Where your uploads go, and who they go as.</ViewHeader>
      <EmptyState icon="account" title="No upload profile">
        Signing in to the platform and keeping keys in the system keychain is not built yet. Until
        then Dailies works offline only.
      </EmptyState>
    </>
  );
}
