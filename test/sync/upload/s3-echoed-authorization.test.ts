import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HeadBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger, LOG_FILE } from '../../../src/engine/logging/logger';
import { SecretRedactor } from '../../../src/engine/logging/redactor';
import { classifyS3Failure } from '../../../src/engine/storage/s3-failure';
import { startPlatformStandIn, type PlatformStandIn } from '../../../src/stand-ins/platform';
import { testEngine } from '../../helpers/engine';
import { tempDir } from '../../helpers/temp-dir';
import { cleanEnv, recordingCaller, sessionSecretStore } from '../../profiles/profile-kit';

const KEY_ID = 'AKIAECHOEDKEYID00001';
const SECRET = 'echoed-secret-access-key-0123456789';
const INTERNAL_TOKEN = 'itk-echo-test-0123456789';

/**
 * A store that refuses every write with a 400 whose text quotes the request's Authorization
 * header (some proxies and S3 clones do), and answers HEAD and DELETE.
 */
let store: http.Server;
let endpoint = '';
const echoed: string[] = [];
let platform: PlatformStandIn;

beforeAll(async () => {
  store = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method !== 'PUT') {
        response.writeHead(request.method === 'DELETE' ? 204 : 200).end();
        return;
      }
      const authorization = String(request.headers.authorization ?? '');
      echoed.push(authorization);
      response.writeHead(400, { 'content-type': 'application/xml' });
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InvalidArgument</Code>' +
          `<Message>Unsupported header; you sent Authorization: ${authorization}</Message></Error>`,
      );
    });
  });
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
  platform = await startPlatformStandIn({ internalToken: INTERNAL_TOKEN });
});
afterAll(async () => {
  await new Promise((resolve) => store?.close(resolve));
  await platform?.close();
});

/** The signature of the last request the store echoed: it must appear nowhere. */
function lastSignature(): string {
  const signature = /Signature=([0-9a-f]+)/.exec(echoed.at(-1) ?? '')?.[1];
  if (!signature) throw new Error('the store echoed no signed request');
  return signature;
}

describe('an S3 answer that echoes the Authorization header', () => {
  it('reaches the error value without the key id or the signature, as E_VALIDATION', async () => {
    const client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
      maxAttempts: 1,
    });
    await client.send(new HeadBucketCommand({ Bucket: 'b' }));
    const failure: unknown = await client
      .send(new PutObjectCommand({ Bucket: 'b', Key: 'videos/7.mp4', Body: 'x' }))
      .catch((error: unknown) => error);
    client.destroy();

    const error = classifyS3Failure(failure, { doing: 'uploading videos/7.mp4', bucket: 'b' });
    const value = JSON.stringify(error.toValue());
    expect(value).not.toContain(KEY_ID);
    expect(value).not.toContain(lastSignature());
    expect(value).toContain('Credential=***');
    expect(error).toMatchObject({ code: 'E_VALIDATION', retryable: false });
    expect(error.message).toBe(
      'While uploading videos/7.mp4, the storage refused the request as invalid ' +
        "(400 InvalidArgument). Check the profile's endpoint, region and bucket.",
    );

    // And the log masks an echoed request wherever it is quoted.
    const dir = tempDir('dailies-echo-log-');
    const logger = createFileLogger({ dir, redactor: new SecretRedactor(), now: () => new Date() });
    logger.warn(`store said: ${echoed.at(-1) ?? ''}`, { answer: echoed.at(-1) });
    const log = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(log).not.toContain(KEY_ID);
    expect(log).not.toContain(lastSignature());
  });

  it('fails the connection test as E_VALIDATION, with neither in any answer or log', async () => {
    const dataDir = tempDir('dailies-echo-engine-');
    const engine = testEngine({ dataDir, secrets: sessionSecretStore(), env: cleanEnv() });
    const api = recordingCaller(engine);
    const profile = await api.call('profiles.create', {
      name: 'Echoing store',
      apiBaseUrl: platform.baseUrl,
      bucket: 'dailies-origin',
      region: 'us-east-1',
      s3Endpoint: endpoint,
      forcePathStyle: true,
      keyPrefix: 'dailies',
    });
    const secrets = [
      ['internal-token', INTERNAL_TOKEN],
      ['s3-access-key-id', KEY_ID],
      ['s3-secret-access-key', SECRET],
    ] as const;
    for (const [kind, value] of secrets) {
      await api.call('profiles.setSecret', { profileId: profile.id, kind, value });
    }
    const result = await api.call('profiles.testConnection', { profileId: profile.id });
    expect(result.checks.find((check) => check.id === 'bucket-writable')).toMatchObject({
      result: 'fail',
      code: 'E_VALIDATION',
    });
    const signature = lastSignature();
    await engine.dispose();
    const log = fs.readFileSync(path.join(dataDir, 'logs', LOG_FILE), 'utf8');
    for (const text of [...api.answers, log]) {
      expect(text).not.toContain(KEY_ID);
      expect(text).not.toContain(signature);
    }
  });
});
