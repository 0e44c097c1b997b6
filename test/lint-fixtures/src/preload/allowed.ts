import { contextBridge, ipcRenderer } from 'electron';
import { methodNames } from '../shared/contract';
import { expose } from './expose';
export { contextBridge, ipcRenderer, methodNames, expose };
