import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { appInfoSchema } from '../../src/shared/contract';
import { tempDir } from '../helpers/temp-dir';
import { repoRoot, runDailies } from './run-dailies';

const run = promisify(execFile);

describe('the bundled CLI', () => {
  it('runs "info" from out/cli/dailies.mjs with the migrations beside it', async () => {
    // Built under out/ so that it resolves node_modules and package.json like the real one.
    fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
    const outRoot = fs.mkdtempSync(path.join(repoRoot, 'out', '.test-build-'));
    try {
      await run(process.execPath, ['scripts/build-node.mjs', '--outdir', outRoot], {
        cwd: repoRoot,
      });
      const dataDir = tempDir('dailies-cli-bundle-');
      const info = await runDailies(['info', '--json', '--data-dir', dataDir], {
        entry: [path.join(outRoot, 'cli', 'dailies.mjs')],
      });
      expect(info.stderr).toBe('');
      expect(info.status).toBe(0);
      expect(appInfoSchema.parse(JSON.parse(info.stdout))).toMatchObject({ dataDir, host: 'cli' });
    } finally {
      fs.rmSync(outRoot, { recursive: true, force: true });
    }
  });
});
