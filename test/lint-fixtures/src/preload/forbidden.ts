// The preload sees shared and electron only.
import { createEngine } from '../engine/create-engine'; // reported
import { createWindow } from '../main/window'; // reported
import { App } from '../renderer/App'; // reported
const { startWeb } = require('../web/main'); // reported
export { startWeb };
