import http from 'node:http';
import { methods } from '../shared/contract';
import { startStore } from './s3-store/start-store';
export { http, methods, startStore };
