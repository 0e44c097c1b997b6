import { createEngine } from '../engine/create-engine'; // reported
import { startWebHost } from '../web/web-host'; // reported
import { runDemo } from '../demo/run-demo'; // reported
import { app } from 'electron'; // reported
export { createEngine, startWebHost, runDemo, app };
