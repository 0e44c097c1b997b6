import type { CommandEntry } from '../command';
import { cleanupUploadsSpec } from './cleanup-uploads-spec';
import { completionSpec } from './completion-spec';
import { demoSpec } from './demo-spec';
import { infoSpec } from './info-spec';
import { ingestSpec } from './ingest-spec';
import { lsSpec } from './ls-spec';
import { profileSpec } from './profile-spec';
import { queueSpec } from './queue-spec';
import { reconcileSpec } from './reconcile-spec';
import { setSpec } from './set-spec';
import { showSpec } from './show-spec';
import { statusSpec } from './status-spec';
import { suggestSpec } from './suggest-spec';
import { supportBundleSpec } from './support-bundle-spec';
import { watchSpec } from './watch-spec';

/**
 * The command table, in the order help lists it: each command's spec, and its module
 * imported only when it runs, so `--help`, `--version` and a command's help start without
 * zod, the contract or the engine. A new command is a spec file, a command file and one line
 * here.
 */
export const commands: readonly CommandEntry[] = [
  { ...ingestSpec, load: async () => (await import('./ingest')).ingestCommand },
  { ...statusSpec, load: async () => (await import('./status')).statusCommand },
  { ...lsSpec, load: async () => (await import('./ls')).lsCommand },
  { ...showSpec, load: async () => (await import('./show')).showCommand },
  { ...setSpec, load: async () => (await import('./set')).setCommand },
  { ...suggestSpec, load: async () => (await import('./suggest')).suggestCommand },
  { ...queueSpec, load: async () => (await import('./queue')).queueCommand },
  { ...profileSpec, load: async () => (await import('./profile')).profileCommand },
  { ...reconcileSpec, load: async () => (await import('./reconcile')).reconcileCommand },
  {
    ...cleanupUploadsSpec,
    load: async () => (await import('./cleanup-uploads')).cleanupUploadsCommand,
  },
  {
    ...supportBundleSpec,
    load: async () => (await import('./support-bundle')).supportBundleCommand,
  },
  { ...watchSpec, load: async () => (await import('./watch')).watchCommand },
  { ...infoSpec, load: async () => (await import('./info')).infoCommand },
  { ...demoSpec, load: async () => (await import('./demo')).demoCommand },
  {
    ...completionSpec,
    load: async () => (await import('./completion')).completionCommand(() => commands),
  },
] as const;
