import { afterEach } from 'vitest';
import {
  DailiesError,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../src/shared/contract';
import { createEngine, type Engine, type EngineOptions } from '../../src/engine/create-engine';
import { tempDir } from './temp-dir';

const live: Engine[] = [];

/** A real engine on a temp data dir, disposed after the test. */
export function testEngine(options: Partial<EngineOptions> = {}): Engine {
  const engine = createEngine({
    dataDir: options.dataDir ?? tempDir('dailies-engine-'),
    host: 'cli',
    version: '0.0.0-test',
    ...options,
  });
  live.push(engine);
  return engine;
}

/** Calls a method through the dispatcher and unwraps the result the way a client does. */
export async function call<M extends MethodName>(
  engine: Engine,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await engine.dispatch(method, input);
  if (!result.ok) throw new DailiesError(result.error);
  return result.value as MethodOutput<M>;
}

afterEach(async () => {
  for (const engine of live.splice(0)) await engine.dispose();
});
