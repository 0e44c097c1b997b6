// The renderer sees only shared (and itself): never the engine, a host or electron.
import { ipcRenderer } from 'electron'; // reported
import { createEngine } from '../engine/create-engine'; // reported
import { createWindow } from '../main/window'; // reported
import { startWeb } from '../web/main'; // reported
import { runCli } from '../cli/main'; // reported
import { bridge } from '../preload/index'; // reported
import type { Settings } from '../engine/settings/settings-service'; // reported
