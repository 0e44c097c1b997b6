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

      // The SDK and the HTTP libraries load on first use, from chunks of their own: each
      // must give its named classes (a bundle's dynamic import of a CommonJS package once
      // gave only `default`, and every proxied request failed).
      const chunks = fs.readdirSync(path.join(outRoot, 'cli'));
      const lazy = async (prefix: string) => {
        const file = chunks.find((name) => name.startsWith(`${prefix}-`) && name.endsWith('.mjs'));
        expect(file, `${prefix} chunk`).toBeDefined();
        return (await import(path.join(outRoot, 'cli', file!))) as Record<string, unknown>;
      };
      const network = await lazy('lazy-network-modules');
      for (const name of ['EnvHttpProxyAgent', 'undiciFetch', 'HttpsProxyAgent', 'NodeHttpHandler'])
        expect(typeof network[name], name).toBe('function');
      const sdk = await lazy('s3-sdk-exports');
      for (const name of ['S3Client', 'PutObjectCommand', 'HeadBucketCommand'])
        expect(typeof sdk[name], name).toBe('function');
      expect(typeof (await lazy('aws-ini-provider')).fromIni).toBe('function');
    } finally {
      fs.rmSync(outRoot, { recursive: true, force: true });
    }
  });
});
