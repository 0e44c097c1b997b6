import { z } from 'zod';
import { defineMethod } from './define';
import { settingsPatchSchema, settingsSchema } from './settings';

/**
 * The methods of the settings, apart from its types (`./settings`) so that the renderer, which reads
 * those types and parses events with them, never builds these schemas: only the hosts and
 * the engine, through `./methods`, do.
 */
export const settingsMethods = {
  'settings.get': defineMethod({
    summary: 'The current engine settings.',
    input: z.object({}).strict(),
    output: settingsSchema,
  }),
  'settings.set': defineMethod({
    summary: 'Change some settings; the rest stay. Returns the settings now in force.',
    input: settingsPatchSchema,
    output: settingsSchema,
  }),
};
