import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../src/engine/create-engine';
import { SecretRedactor } from '../../src/engine/logging/redactor';
import { KeyringSecretStore } from '../../src/engine/secrets/keyring-secret-store';
import { SessionSecretStore } from '../../src/engine/secrets/session-secret-store';
import {
  DailiesError,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../src/shared/contract';
import { probeKeychain, testServiceName } from '../secrets/keychain-gate';
import { systemClock, type Clock } from '../../src/engine/time/clock';

/** A real keychain store under a unique service name, and whether this machine has one. */
export async function testKeychain() {
  const service = testServiceName();
  const store = new KeyringSecretStore({ redactor: new SecretRedactor(), service });
  const probe = await probeKeychain(store);
  return {
    /** The service name, for a child process that opens the same keychain entries. */
    service,
    store,
    probe,
    async clean() {
      if (probe.usable) for (const account of await store.list()) await store.delete(account);
    },
  };
}

/**
 * Secrets in this process's memory, for the tests whose subject is not the keychain: they
 * run whether or not an OS keychain answers (the keychain's own tests are in test/secrets,
 * accounts.test.ts and the Account journey).
 */
export function sessionSecretStore(
  description = "the tests' memory (this run only)",
): SessionSecretStore {
  return new SessionSecretStore({ redactor: new SecretRedactor(), description });
}

/** A clock tests can move forward; starts at the real time. `clock` is the engine's view. */
export function movableClock() {
  let offsetMs = 0;
  return {
    clock: { ...systemClock, now: () => Date.now() + offsetMs } satisfies Clock,
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
  };
}

/**
 * Calls through the dispatcher and keeps every answer (values and errors alike), so a test
 * can search all of them for secret values.
 */
export function recordingCaller(engine: Engine) {
  const answers: string[] = [];
  return {
    answers,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const raw = await engine.dispatch(method, input);
      answers.push(JSON.stringify(raw));
      if (!raw.ok) throw new DailiesError(raw.error);
      return raw.value as MethodOutput<M>;
    },
    async fail<M extends MethodName>(method: M, input: MethodInput<M>) {
      const raw = await engine.dispatch(method, input);
      answers.push(JSON.stringify(raw));
      if (raw.ok) throw new Error(`${method} succeeded, a failure was expected`);
      return raw.error;
    },
  };
}

/** Every file under the data dir (catalog, WAL, logs), read as bytes. */
export function dataDirFiles(dataDir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ file: full, bytes: fs.readFileSync(full) });
    }
  };
  walk(dataDir);
  return out;
}

/** Only PATH: the machine's AWS_* and DAILIES_* variables must not leak into a test. */
export const cleanEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  ...extra,
});
