import type { ViewId } from '../store/ui-slice';
import type { IconName } from './icons';

export const viewTitles: Record<ViewId, string> = {
  library: 'Library',
  queue: 'Upload queue',
  analysis: 'Analysis',
  account: 'Account',
  settings: 'Settings',
};

export const viewIcons: Record<ViewId, IconName> = {
  library: 'library',
  queue: 'queue',
  analysis: 'analysis',
  account: 'account',
  settings: 'settings',
};
