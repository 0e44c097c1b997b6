import { z } from 'zod';
import { errorValueSchema } from '../../shared/contract';

/**
 * How main starts the engine process: one JSON argument, so the configuration is there
 * before the first message can arrive.
 */
export const engineProcessConfigSchema = z.object({
  dataDir: z.string().min(1),
  migrationsDir: z.string().min(1),
  version: z.string().min(1),
});
export type EngineProcessConfig = z.infer<typeof engineProcessConfigSchema>;

export const configArgPrefix = '--dailies-engine-config=';

export function configArg(config: EngineProcessConfig): string {
  return configArgPrefix + JSON.stringify(config);
}

export function readConfigArg(argv: readonly string[]): EngineProcessConfig {
  const arg = argv.find((value) => value.startsWith(configArgPrefix));
  if (!arg) throw new Error('The engine process was started without its configuration.');
  return engineProcessConfigSchema.parse(JSON.parse(arg.slice(configArgPrefix.length)));
}

/**
 * Main -> engine process. 'connect' carries the engine's end of a renderer's channel;
 * 'spawner-port' answers 'spawner' with a port to the tool spawner (none: it cannot start).
 */
export const toEngineProcessSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('connect'), rendererId: z.number().int() }),
  z.object({ kind: z.literal('spawner-port') }),
  z.object({ kind: z.literal('stop') }),
]);
export type ToEngineProcess = z.infer<typeof toEngineProcessSchema>;

/**
 * Engine process -> main. 'spawner' asks for a port to the tool spawner (started if need be;
 * with `replace`, the running one stopped answering and is replaced).
 */
export const fromEngineProcessSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), dataDir: z.string() }),
  z.object({ kind: z.literal('spawner'), replace: z.boolean().optional() }),
  z.object({ kind: z.literal('failed'), error: errorValueSchema }),
  z.object({ kind: z.literal('stopped') }),
]);
export type FromEngineProcess = z.infer<typeof fromEngineProcessSchema>;
