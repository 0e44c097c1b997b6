import { z } from 'zod';
import { methods } from './contract/methods';
import type { ErrorValue } from '../shared/contract/errors';
export { z, methods, type ErrorValue };
