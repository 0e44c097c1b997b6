import http from 'node:http';
import { createEngine } from '../engine/create-engine';
import { methods } from '../shared/contract';
import { serve } from './serve';
export { http, createEngine, methods, serve };
