import { createWindow } from '../main/window'; // reported
import { run } from '../cli/run-cli'; // reported
import { App } from '../renderer/app/App'; // reported
export { createWindow, run, App };
