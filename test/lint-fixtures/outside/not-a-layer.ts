// Outside src/<layer> (scripts, tests, configs) the rule does not apply.
import { app } from 'electron';
import { createEngine } from '../src/engine/create-engine';
import { App } from '../src/renderer/App';
export { app, createEngine, App };
