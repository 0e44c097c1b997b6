import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo, Profile, Settings, SupportBundle } from '../../shared/contract';
import { SUPPORT_DIR } from '../../shared/support-urls';
import { LOG_FILE } from '../logging/logger';
import { PRIVATE_FILE_MODE, privateDir } from '../logging/private-files';
import type { SecretRedactor } from '../logging/redactor';
import { isoNow, type Clock } from '../time/clock';

export interface SupportBundleDeps {
  dataDir: string;
  appInfo: () => Promise<AppInfo>;
  settings: () => Settings;
  profiles: () => Promise<Profile[]>;
  redactor: SecretRedactor;
  clock: Pick<Clock, 'now'>;
}

/**
 * What support needs to see what happened, in one file an editor can attach to a message:
 * the app and tool versions, settings, each profile's configuration with only whether each
 * secret is set (never a value, nor its masked tail), and the logs. Everything passes the
 * redactor once more, so a secret registered since a line was written is masked too.
 */
export async function writeSupportBundle(
  deps: SupportBundleDeps,
  dir: string | undefined,
): Promise<SupportBundle> {
  const logsDir = path.join(deps.dataDir, 'logs');
  const logs = fs.existsSync(logsDir)
    ? fs
        .readdirSync(logsDir)
        .filter((name) => name === LOG_FILE || name.startsWith(`${LOG_FILE}.`))
        .sort((a, b) => rotation(a) - rotation(b))
    : [];
  const profiles = (await deps.profiles()).map(withoutSecrets);
  const bundle = {
    createdAt: isoNow(deps.clock),
    app: await deps.appInfo(),
    versions: {
      node: process.versions.node,
      v8: process.versions.v8,
      electron: process.versions.electron ?? null,
      sqlite: process.versions.sqlite ?? null,
      platform: `${process.platform}-${process.arch}`,
    },
    settings: deps.settings(),
    profiles,
    logs: Object.fromEntries(
      logs.map((name) => [name, fs.readFileSync(path.join(logsDir, name), 'utf8')]),
    ),
  };
  const target = dir ?? path.join(deps.dataDir, SUPPORT_DIR);
  privateDir(target);
  const stamp = bundle.createdAt.replace(/[:.]/g, '-');
  const file = path.join(target, `dailies-support-${stamp}.json`);
  const text = `${JSON.stringify(deps.redactor.redact(bundle), null, 2)}\n`;
  fs.writeFileSync(file, text, { mode: PRIVATE_FILE_MODE });
  return { file, bytes: Buffer.byteLength(text), logs, profiles: profiles.length };
}

/** 0 for the current log, n for `dailies.log.n`. */
function rotation(name: string): number {
  const suffix = name.slice(LOG_FILE.length + 1);
  return suffix === '' ? 0 : Number(suffix) || 0;
}

/**
 * A profile with each secret's state and source only, listed under `stored` (a field named
 * after secrets would be masked whole by the redactor).
 */
function withoutSecrets(profile: Profile) {
  const { secrets, signIn, ...config } = profile;
  const stored = Object.entries(secrets).map(([kind, status]) =>
    status.state === 'set'
      ? { kind, state: status.state, source: status.source }
      : { kind, state: status.state },
  );
  return { ...config, stored, signedIn: signIn !== null };
}
