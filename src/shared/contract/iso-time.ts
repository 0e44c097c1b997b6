import { z } from 'zod';

/** A point in time on the wire: ISO 8601 in UTC. */
export const isoTime = z.string().describe('ISO 8601 in UTC');
