import { app, BrowserWindow, utilityProcess } from 'electron';
import { createEngine } from '../engine/create-engine';
import { methods } from '../shared/contract';
import { createWindow } from './window';
export { app, BrowserWindow, utilityProcess, createEngine, methods, createWindow };
