import type { CliCommand } from '../command';
import { cleanupUploadsCommand } from './cleanup-uploads';
import { completionCommand } from './completion';
import { demoCommand } from './demo';
import { infoCommand } from './info';
import { ingestCommand } from './ingest';
import { lsCommand } from './ls';
import { profileCommand } from './profile';
import { queueCommand } from './queue';
import { reconcileCommand } from './reconcile';
import { setCommand } from './set';
import { showCommand } from './show';
import { statusCommand } from './status';
import { watchCommand } from './watch';

/**
 * The command table, in the order help lists it. A new command is a file in this folder and
 * one line here.
 */
export const commands: readonly CliCommand[] = [
  ingestCommand,
  statusCommand,
  lsCommand,
  showCommand,
  setCommand,
  queueCommand,
  profileCommand,
  reconcileCommand,
  cleanupUploadsCommand,
  watchCommand,
  infoCommand,
  demoCommand,
  completionCommand(() => commands),
] as CliCommand[];
