import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document walked by key
type Yaml = any;
const config = load(read('electron-builder.yml')) as Yaml;

interface Target {
  target: string;
  arch: string[];
}
const targets = (platform: 'win' | 'mac' | 'linux') =>
  Object.fromEntries((config[platform].target as Target[]).map((t) => [t.target, t.arch]));

describe('electron-builder.yml', () => {
  it('is a valid electron-builder configuration', async () => {
    const requireHere = createRequire(import.meta.url);
    const { validateConfiguration } = requireHere('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(structuredClone(config), logger)).resolves.toBeUndefined();
    // The validator does bite: a misspelt fuse is refused.
    await expect(
      validateConfiguration({ electronFuses: { runAsnode: false } }, logger),
    ).rejects.toThrow(/Invalid configuration/);
  });

  it('builds NSIS for Windows, dmg + zip for macOS and AppImage + deb + rpm for Linux', () => {
    expect(targets('win')).toEqual({ nsis: ['x64', 'arm64'] });
    expect(targets('mac')).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] });
    expect(targets('linux')).toEqual({ AppImage: ['x64'], deb: ['x64'], rpm: ['x64'] });
    for (const platform of ['win', 'mac', 'linux'])
      expect(config[platform].icon).toBe('build/icon.png');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
  });

  it('ships only this platform and architecture of ffprobe, and keeps the licences', () => {
    const files = config.files as string[];
    const exclude = files.indexOf('!**/node_modules/ffprobe-static/bin/**');
    const keep = files.indexOf('**/node_modules/ffprobe-static/bin/${platform}/${arch}/**');
    expect(exclude).toBeGreaterThanOrEqual(0);
    expect(keep).toBeGreaterThan(exclude);
    for (const pattern of files) expect(pattern).not.toMatch(/LICENSE/i);
    for (const platform of ['win', 'mac', 'linux']) {
      expect(config[platform].files.join(' ')).toMatch(/better-sqlite3\/prebuilds/);
    }
  });

  it('ships the migrations and the CLI launchers as resources', () => {
    const resources = config.extraResources as Array<{ from: string; to: string }>;
    expect(resources).toContainEqual(
      expect.objectContaining({ from: 'src/engine/catalog/migrations', to: 'migrations' }),
    );
    expect(fs.readdirSync(path.join(root, 'src/engine/catalog/migrations')).length).toBeGreaterThan(
      0,
    );
    expect(resources).toContainEqual(expect.objectContaining({ from: 'build/bin', to: 'bin' }));
    // The mode git records (a Windows checkout has no execute bits to stat).
    const staged = execFileSync('git', ['ls-files', '-s', 'build/bin/dailies'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(staged).toMatch(/^100755 /);
  });

  it('unpacks native addons, ffmpeg/ffprobe and the CLI bundle from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/*.node',
        '**/node_modules/better-sqlite3/**',
        '**/node_modules/ffmpeg-static/**',
        '**/node_modules/ffprobe-static/**',
        'out/cli/**',
      ]),
    );
    expect(config.npmRebuild).toBe(false);
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('puts the CLI on PATH from the deb and rpm, beside the app renamed out of its way', () => {
    expect(config.linux.executableName).toBe('dailies-desktop');
    for (const format of ['deb', 'rpm']) {
      expect(config[format].afterInstall).toBe('build/linux/after-install.sh');
      expect(config[format].afterRemove).toBe('build/linux/after-remove.sh');
    }
    const install = read('build/linux/after-install.sh');
    expect(install).toContain(
      "ln -sf '/opt/${sanitizedProductName}/resources/bin/dailies' '/usr/bin/dailies'",
    );
    // The template's own duties stay: the sandbox helper and the AppArmor profile.
    expect(install).toContain('chrome-sandbox');
    expect(install).toContain('apparmor');
    for (const script of [
      'build/linux/after-install.sh',
      'build/linux/after-remove.sh',
      'build/bin/dailies',
    ]) {
      execFileSync('bash', ['-n', path.join(root, script)]);
    }
  });

  it('asks macOS for no more than JIT', () => {
    const entitlements = read('build/entitlements.mac.plist');
    const keys = [...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('lets videos and folders be opened with Dailies or dropped on its dock icon', () => {
    const extensions = config.fileAssociations.flatMap((entry: { ext: string[] }) => entry.ext);
    expect(extensions).toEqual(expect.arrayContaining(['mov', 'mp4', 'mxf']));
    expect(config.mac.extendInfo.CFBundleDocumentTypes).toContainEqual(
      expect.objectContaining({ LSItemContentTypes: ['public.folder'] }),
    );
  });

  it('publishes update metadata to GitHub releases', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'github' })]);
  });
});

describe('the repository', () => {
  it('holds no signing secret: no keys, certificates or inline passwords', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    const secretFiles = files.filter((file) =>
      /\.(p12|pfx|pem|key|cer|p8|mobileprovision|provisionprofile)$|(^|\/)\.env($|\.)/i.test(file),
    );
    expect(secretFiles).toEqual([]);
    const text = ['electron-builder.yml', ...files.filter((f) => f.startsWith('.github/'))]
      .filter((file) => fs.existsSync(path.join(root, file)))
      .map(read)
      .join('\n');
    expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    // Secret values only ever come from ${{ secrets.X }}, never written out.
    expect(text).not.toMatch(
      /(PASSWORD|TOKEN|SECRET|APPLE_API_KEY)\s*[:=]\s*['"]?(?!\$\{\{)[A-Za-z0-9+/]{8,}/,
    );
  });
});

describe('the deb/rpm remove script', () => {
  /** after-remove.sh as electron-builder writes it, run against a scratch root. */
  function runAfterRemove(argument: string): boolean {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-remove-'));
    const stubs = path.join(scratch, 'stubs');
    fs.mkdirSync(stubs);
    for (const [name, status] of [
      ['update-alternatives', 0],
      ['apparmor_status', 1],
    ] as const) {
      fs.writeFileSync(path.join(stubs, name), `#!/bin/sh\nexit ${status}\n`, { mode: 0o755 });
    }
    const app = path.join(scratch, 'opt/Dailies/resources/bin/dailies');
    const link = path.join(scratch, 'usr/bin/dailies');
    fs.mkdirSync(path.dirname(app), { recursive: true });
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.writeFileSync(app, '');
    fs.symlinkSync(app, link);
    const script = read('build/linux/after-remove.sh')
      .replaceAll('${sanitizedProductName}', 'Dailies')
      .replaceAll('${executable}', 'dailies-desktop')
      .replaceAll("'/usr/bin/", `'${scratch}/usr/bin/`)
      .replaceAll("'/opt/", `'${scratch}/opt/`)
      .replaceAll("'/etc/", `'${scratch}/etc/`);
    const file = path.join(scratch, 'after-remove.sh');
    fs.writeFileSync(file, script);
    execFileSync('bash', [file, argument], {
      env: { ...process.env, PATH: `${stubs}:${process.env.PATH ?? ''}` },
    });
    return fs.existsSync(link) || fs.lstatSync(link, { throwIfNoEntry: false }) !== undefined;
  }

  // The deb and rpm are built and installed on Linux; Windows cannot make the symlink unprivileged.
  it.skipIf(process.platform === 'win32')(
    `takes the dailies link away on removal, and keeps it across an upgrade${process.platform === 'win32' ? ' [skipped: Linux packages, symlinks]' : ''}`,
    () => {
      expect(runAfterRemove('remove')).toBe(false);
      expect(runAfterRemove('purge')).toBe(false);
      expect(runAfterRemove('0')).toBe(false);
      // rpm upgrade (1 copy left) and deb upgrade.
      expect(runAfterRemove('1')).toBe(true);
      expect(runAfterRemove('upgrade')).toBe(true);
    },
  );
});
