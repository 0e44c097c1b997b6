import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

/**
 * Whether moto's S3 server can run here, decided once per test file. The rule: without moto,
 * moto's side of a test is skipped and says why, except under CI (`CI=true`), where a
 * missing moto fails the run: CI must compare against it.
 */
function probe(): { available: boolean; reason: string } {
  const python = process.env.DAILIES_PYTHON ?? 'python3';
  try {
    execFileSync(python, ['-c', 'import moto.server'], { stdio: 'ignore', timeout: 60_000 });
    return { available: true, reason: '' };
  } catch {
    return {
      available: false,
      reason: `moto is not installed for ${python}: pip install 'moto[server]'`,
    };
  }
}

const probed = probe();

export const motoAvailable: boolean = probed.available;
/** Why moto cannot run ('' when it can). */
export const motoMissingReason: string = probed.reason;
/** Under CI a missing moto is a failure, never a skip. */
export const motoRequired: boolean = process.env.CI === 'true';

/**
 * `describe` for tests that need moto: skipped with the reason in its name when moto is
 * missing, or, under CI, a failing test that names the fix.
 */
export function describeWithMoto(name: string, body: () => void): void {
  if (motoAvailable) {
    describe(name, body);
  } else if (motoRequired) {
    describe(name, () => {
      it('needs moto (CI=true)', () => {
        throw new Error(motoMissingReason);
      });
    });
  } else {
    describe.skip(`${name} [skipped: ${motoMissingReason}]`, body);
  }
}
