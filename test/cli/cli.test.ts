import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appInfoSchema, errorValueSchema } from '../../src/shared/contract';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { repoRoot, runDailies } from './run-dailies';

const packageVersion = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

describe('dailies CLI', () => {
  it('lists its commands, options and exit codes in --help', async () => {
    const run = await runDailies(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: dailies [options] <command>');
    expect(run.stdout).toMatch(/^\s+info\s+Show the version/m);
    expect(run.stdout).toContain('--data-dir DIR');
    expect(run.stdout).toContain('--json');
    expect(run.stdout).toMatch(/^\s+3\s+The data folder is in use by another Dailies\./m);
    expect(run.stdout).toMatch(/^\s+4\s+ffmpeg or ffprobe is missing/m);
  });

  it('shows a command’s own help with "help info" and "info --help"', async () => {
    const [viaHelp, viaFlag] = await Promise.all([
      runDailies(['help', 'info']),
      runDailies(['info', '--help']),
    ]);
    expect(viaHelp.status).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: dailies info [--json]');
    expect(viaFlag.stdout).toBe(viaHelp.stdout);
  });

  it('prints the package version with --version', async () => {
    const run = await runDailies(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`dailies ${packageVersion}`);
  });

  it('prints app info for a person, with the data folder and the tools it found', async () => {
    const dataDir = tempDir('dailies-cli-');
    const run = await runDailies(['info', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^\\s+Version\\s+${packageVersion.replaceAll('.', '\\.')}$`, 'm'),
    );
    expect(run.stdout).toMatch(/^\s+Host\s+cli$/m);
    expect(run.stdout).toContain(`Data folder  ${dataDir}`);
    expect(run.stdout).toMatch(/^\s+ffprobe\s+\S+\s+\/\S*ffprobe \(/m);
    expect(run.stdout).toMatch(/^\s+ffmpeg\s+\S+\s+\/\S*ffmpeg \(/m);
    // The engine really opened the catalog there.
    expect(fs.existsSync(path.join(dataDir, 'catalog.db'))).toBe(true);
  });

  it('prints app info as JSON with --json, with ffmpeg and ffprobe found', async () => {
    const dataDir = tempDir('dailies-cli-');
    const run = await runDailies(['--json', 'info', '--data-dir', dataDir]);
    expect(run.status).toBe(0);
    const info = appInfoSchema.parse(JSON.parse(run.stdout));
    expect(info).toMatchObject({ version: packageVersion, dataDir, host: 'cli' });
    expect(info.ffprobe.kind).toBe('found');
    expect(info.ffmpeg.kind).toBe('found');
    if (info.ffprobe.kind === 'found') expect(fs.existsSync(info.ffprobe.tool.path)).toBe(true);
  });

  it('uses DAILIES_DATA_DIR when --data-dir is not given', async () => {
    const dataDir = tempDir('dailies-cli-env-');
    const run = await runDailies(['info', '--json'], { env: { DAILIES_DATA_DIR: dataDir } });
    expect(run.status).toBe(0);
    expect(appInfoSchema.parse(JSON.parse(run.stdout)).dataDir).toBe(dataDir);
  });

  it('exits 2 and names the unknown command', async () => {
    const run = await runDailies(['frobnicate', '--data-dir', tempDir('dailies-cli-')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Unknown command "frobnicate"');
    expect(run.stderr).toContain('info');
  });

  it('suggests the command a typo meant, and lists every command in --help', async () => {
    const [typo, help] = await Promise.all([runDailies(['ingset']), runDailies(['--help'])]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('Unknown command "ingset". Did you mean "dailies ingest"?');
    for (const name of ['ingest', 'status', 'ls', 'show', 'set', 'queue', 'profile', 'watch']) {
      expect(help.stdout).toMatch(new RegExp(`^\\s+${name}\\s+\\S`, 'm'));
    }
  });

  it('exits 2 for an unknown option, a missing value or stray arguments, saying which', async () => {
    const [option, value, extra, none] = await Promise.all([
      runDailies(['info', '--verbose']),
      runDailies(['info', '--data-dir']),
      runDailies(['info', 'everything']),
      runDailies([]),
    ]);
    expect([option.status, value.status, extra.status, none.status]).toEqual([2, 2, 2, 2]);
    expect(option.stderr).toContain('Unknown option --verbose for "dailies info"');
    expect(value.stderr).toContain('--data-dir needs a value');
    expect(extra.stderr).toContain('"dailies info" takes no arguments, but got: everything');
    expect(none.stderr).toContain('No command given');
  });

  it('prints a usage error as an error value with --json', async () => {
    const run = await runDailies(['info', '--json', '--verbose']);
    expect(run.status).toBe(2);
    const error = errorValueSchema.parse(JSON.parse(run.stderr));
    expect(error.code).toBe('E_VALIDATION');
    expect(error.message).toContain('--verbose');
  });

  it('exits 3 naming the other Dailies when the data folder is in use', async () => {
    const dataDir = tempDir('dailies-cli-locked-');
    testEngine({ dataDir, host: 'web' });
    const run = await runDailies(['info', '--data-dir', dataDir]);
    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('in use by another Dailies');
    expect(run.stderr).toContain(`web, process ${process.pid}`);

    const json = await runDailies(['info', '--json', '--data-dir', dataDir]);
    expect(json.status).toBe(3);
    const error = errorValueSchema.parse(JSON.parse(json.stderr));
    expect(error.code).toBe('E_LOCKED');
    expect(error.details).toMatchObject({ dataDir, holder: { pid: process.pid, host: 'web' } });
  });

  it('reports an ffprobe that is not where DAILIES_FFPROBE points, and exits 4', async () => {
    const dataDir = tempDir('dailies-cli-');
    const nowhere = path.join(dataDir, 'no-such-dir', 'ffprobe');
    const env = { DAILIES_FFPROBE: nowhere };
    const human = await runDailies(['info', '--data-dir', dataDir], { env });
    expect(human.status).toBe(4);
    expect(human.stdout).toMatch(new RegExp(`^\\s+ffprobe\\s+MISSING: .*${nowhere}`, 'm'));
    expect(human.stdout).toMatch(/^\s+ffmpeg\s+\S+\s+\//m);
    expect(human.stderr).toContain(`ffprobe is set to ${nowhere}`);

    const json = await runDailies(['info', '--json', '--data-dir', dataDir], { env });
    expect(json.status).toBe(4);
    const info = appInfoSchema.parse(JSON.parse(json.stdout));
    expect(info.ffprobe).toEqual({ kind: 'missing', message: expect.stringContaining(nowhere) });
    expect(errorValueSchema.parse(JSON.parse(json.stderr)).code).toBe('E_FFMPEG_MISSING');
  });
});
