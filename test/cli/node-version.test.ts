import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exitCodes } from '../../src/cli/exit-codes';
import { MINIMUM_NODE, nodeVersionRefusal } from '../../src/cli/node-version-guard';
import { tempDir } from '../helpers/temp-dir';
import { builtCli } from './cli-world';
import { repoRoot } from './run-dailies';

/** The machine's own Node, when it is older than Dailies needs (Node 20 here). */
const OLD_NODE = '/usr/bin/node';

function versionOf(node: string): string | null {
  if (!fs.existsSync(node)) return null;
  const run = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : null;
}

const oldVersion = versionOf(OLD_NODE);
const isOld = oldVersion !== null && nodeVersionRefusal(oldVersion) !== null;

describe('running the CLI on an older Node', () => {
  it.skipIf(!isOld)(
    'refuses with the version it needs and exit 10, before the native module crashes it',
    async () => {
      const [entry] = await builtCli();
      for (const args of [['info'], ['--help'], ['ingest', '.']]) {
        const run = spawnSync(OLD_NODE, [entry!, ...args], {
          cwd: repoRoot,
          encoding: 'utf8',
          env: { ...process.env, DAILIES_DATA_DIR: tempDir('dailies-old-node-') },
        });
        expect(run.signal).toBeNull();
        expect(run.status).toBe(exitCodes.nodeTooOld.status);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
          `dailies: Dailies needs Node 24.11 or newer (this is ${oldVersion}). ` +
            'Install Node 24 (https://nodejs.org) and run the same command with it.\n',
        );
      }
    },
  );

  it('asks for the Node that package.json names, and takes it and anything newer', () => {
    const pkg = JSON.parse(fs.readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(`>=${MINIMUM_NODE.replace(/\.0$/, '')}`);
    for (const version of [MINIMUM_NODE, '24.11.1', '24.21.0', '25.0.0', process.versions.node])
      expect(nodeVersionRefusal(version), version).toBeNull();
    for (const version of ['24.10.9', '22.12.0', '20.20.2', '18.0.0'])
      expect(nodeVersionRefusal(version), version).toContain(`(this is ${version})`);
  });
});
