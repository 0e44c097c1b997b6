import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpPythonJson } from '../../../src/stand-ins/platform/python-json-dump';
import { parsePythonJson } from '../../../src/stand-ins/platform/python-json-parse';
import { sendRawRequest } from './send-raw-request';
import {
  PLATFORM_TIMESTAMP,
  startPlatformStandIn,
  type PlatformStandIn,
} from '../../../src/stand-ins/platform';

/**
 * Replays the request/response pairs recorded from the real platform
 * (test/fixtures/platform-examples/, see docs/PLATFORM_API.md) against a fresh stand-in, in order, and
 * compares status and body. Timestamps are compared by format only: they depend on the time
 * of the recording. Ids are compared exactly: they depend on order, and the order is the same.
 */
interface Example {
  name: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: string };
  response: { status: number; body: unknown };
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const examplesFile = path.join(
  repositoryRoot,
  'test/fixtures/platform-examples/platform-examples.json',
);

function loadExamples(): { examples: Example[]; rawExamples: unknown[] } {
  if (!fs.existsSync(examplesFile))
    throw new Error(
      `The recorded platform examples are missing: expected ${examplesFile} ` +
        '(see test/fixtures/platform-examples/README.md).',
    );
  const text = fs.readFileSync(examplesFile, 'utf8');
  const file = JSON.parse(text) as { examples: Example[] };
  // Parsed a second time the way Python reads it, so `99.0` stays a float and the exact
  // bytes the platform wrote can be rebuilt.
  const python = parsePythonJson(text);
  if (!python.ok) throw new Error(`${examplesFile} is not valid JSON`);
  const rawExamples = (python.value as Map<string, unknown>).get('examples') as unknown[];
  return { examples: file.examples, rawExamples };
}

const { examples, rawExamples } = loadExamples();
/** The platform's development default, which the recording used. */
const DEVELOPMENT_TOKEN = 'formation-lap-internal-token-2024-secret-key';
const PYDANTIC_URL = /^https:\/\/errors\.pydantic\.dev\/[\d.]+\/v\//;
const TIMESTAMP_IN_BODY = /"(created_at|updated_at)":"[^"]*"/g;

/** Timestamps become a marker once their format is checked; docs links lose their version. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === 'created_at' || key === 'updated_at') {
        expect(item, `${key} format`).toMatch(PLATFORM_TIMESTAMP);
        return [key, '<timestamp>'];
      }
      if (key === 'url' && typeof item === 'string')
        return [key, item.replace(PYDANTIC_URL, '<docs>/')];
      return [key, normalise(item)];
    }),
  );
}

describe('the platform stand-in replays the recorded platform examples', () => {
  let standIn: PlatformStandIn;
  let origin: string;

  beforeAll(async () => {
    standIn = await startPlatformStandIn({
      internalToken: DEVELOPMENT_TOKEN,
      // The recording was made with the identity server unreachable: a bearer token was
      // answered with "JWT public key not available" (contents-put-badbearer).
      identityServer: 'unreachable',
    });
    origin = new URL(standIn.baseUrl).origin;
  });

  afterAll(async () => {
    await standIn.close();
  });

  it('has examples to replay', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  examples.forEach((example, index) => {
    it(`${index} ${example.name}: answers as the platform did`, async () => {
      const response = await sendRawRequest(origin, {
        method: example.request.method,
        path: example.request.path,
        headers: example.request.headers,
        body: example.request.body,
      });
      expect(response.status, 'status').toBe(example.response.status);

      if (typeof example.response.body === 'string') {
        expect(response.headers['content-type']).toMatch(/^text\/plain/);
        expect(response.text).toBe(example.response.body);
      } else {
        expect(response.headers['content-type']).toBe('application/json');
        expect(normalise(JSON.parse(response.text))).toEqual(normalise(example.response.body));
        // Byte for byte as Python wrote it (floats keep `.0`), apart from the timestamps.
        const expectedBody = (rawExamples[index] as Map<string, Map<string, unknown>>)
          .get('response')
          ?.get('body');
        const expectedText = dumpPythonJson(expectedBody as Parameters<typeof dumpPythonJson>[0]);
        expect(response.text.replace(TIMESTAMP_IN_BODY, '"$1":""')).toBe(
          expectedText.replace(TIMESTAMP_IN_BODY, '"$1":""'),
        );
      }
      expect(standIn.unexpectedErrors).toEqual([]);
    });
  });
});
