import { parseArgs } from 'node:util';
import { createEngine } from '../engine/create-engine';
import { defaultDataDir } from '../engine/app/default-data-dir';
import { methods } from '../shared/contract';
import { commands } from './commands';
import electronLike from 'electron-store-not-electron';
export { parseArgs, createEngine, defaultDataDir, methods, commands, electronLike };
import { runDemo } from '../demo/run-demo';
export { runDemo };
