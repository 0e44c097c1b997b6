import fs from 'node:fs';
import Database from 'better-sqlite3';
import { dailiesError } from '../shared/contract';
import { openCatalog } from './catalog/open-catalog';
import { MediaTools } from '../engine/media/media-tools';
export { fs, Database, dailiesError, openCatalog, MediaTools };
