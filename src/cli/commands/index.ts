import type { CliCommand } from '../command';
import { demoCommand } from './demo';
import { infoCommand } from './info';
import { ingestCommand } from './ingest';

/** The command table, in the order help lists it. A new command is a file in this folder and one line here. */
export const commands: readonly CliCommand[] = [
  ingestCommand as CliCommand,
  infoCommand as CliCommand,
  demoCommand as CliCommand,
];
