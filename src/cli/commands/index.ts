import type { CliCommand } from '../command';
import { demoCommand } from './demo';
import { infoCommand } from './info';

/**
 * The command table, in the order help lists it. A new command is a file in this folder and
 * one line here (ingest, analyse and sync arrive with their issues).
 */
export const commands: readonly CliCommand[] = [infoCommand, demoCommand];
