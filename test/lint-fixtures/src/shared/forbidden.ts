// shared imports nothing of ours and never electron.
import { createEngine } from '../engine/create-engine'; // reported
import { ipcRenderer } from 'electron'; // reported
import type { Api } from '../renderer/api'; // reported
export { x } from '../cli/x'; // reported
