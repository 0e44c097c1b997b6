import { createEngine } from '../engine/create-engine';
import { startWebHost } from '../web/web-host';
import { startStore } from '../stand-ins/s3-store/start-store';
import { methods } from '../shared/contract';
import { sampleSet } from './sample-set';
export { createEngine, startWebHost, startStore, methods, sampleSet };
