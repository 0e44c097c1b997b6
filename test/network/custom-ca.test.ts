import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNetworkConfig } from '../../src/engine/network/network-config';
import { createNetworkFetch } from '../../src/engine/network/network-fetch';

/**
 * A company CA, as editors behind TLS-inspecting proxies have: a server whose certificate
 * only that CA vouches for. Made with openssl per run; nothing is committed.
 */
function makeCompanyCa(dir: string): { caFile: string; key: Buffer; cert: Buffer } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Company CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  );
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  );
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'server.pem',
  );
  return {
    caFile: path.join(dir, 'ca.pem'),
    key: fs.readFileSync(path.join(dir, 'server.key')),
    cert: fs.readFileSync(path.join(dir, 'server.pem')),
  };
}

describe('a custom CA bundle', () => {
  let server: https.Server;
  let url: string;
  let caFile: string;
  let dir: string;

  beforeAll(async () => {
    // Not tempDir(): that is removed after each test, and the bundle must outlive them.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-ca-'));
    const pki = makeCompanyCa(dir);
    caFile = pki.caFile;
    server = https.createServer({ key: pki.key, cert: pki.cert }, (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end('{"status":"healthy"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/health`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a server only the company CA vouches for when no bundle is set', async () => {
    const network = createNetworkFetch(readNetworkConfig({}));
    await expect(network.fetch(url)).rejects.toThrow();
    await network.close();
  });

  it.each(['NODE_EXTRA_CA_CERTS', 'AWS_CA_BUNDLE'])(
    'trusts it for the platform when %s names the bundle',
    async (variable) => {
      const network = createNetworkFetch(readNetworkConfig({ [variable]: caFile }));
      const response = await network.fetch(url);
      expect(await response.json()).toEqual({ status: 'healthy' });
      await network.close();
    },
  );

  it('reads the bundle at the first connection, and logs one it cannot read then', async () => {
    const missing = path.join(dir, 'gone.pem');
    const problems: string[] = [];
    const network = createNetworkFetch(
      readNetworkConfig({ AWS_CA_BUNDLE: missing }, (problem) => problems.push(problem)),
    );
    // A command that sends nothing never reads it, so says nothing of it.
    expect(problems).toEqual([]);
    await expect(network.fetch(url)).rejects.toThrow();
    expect(problems).toEqual([expect.stringContaining(`AWS_CA_BUNDLE names ${missing}`)]);
    await network.close();
  });
});
