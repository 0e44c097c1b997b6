// Value imports of the modules that slow start-up: each is reported (lazy-load rule).
import { fetch } from 'undici'; // lazy-load reported
import { HttpsProxyAgent } from 'https-proxy-agent'; // lazy-load reported
import { NodeHttpHandler } from '@smithy/node-http-handler'; // lazy-load reported
import http from 'node:http'; // lazy-load reported
import * as https from 'node:https'; // lazy-load reported
import { S3Client } from '@aws-sdk/client-s3'; // lazy-load reported
import { AsyncEntry } from '@napi-rs/keyring'; // lazy-load reported
export { Agent } from 'http'; // lazy-load reported

// Types only, and import() on first use: not reported.
import type { EnvHttpProxyAgent } from 'undici';
import { type PutObjectCommand } from '@aws-sdk/client-s3';
import type { Server } from 'node:http';

export async function lateLoad(): Promise<unknown> {
  const sdk = await import('@aws-sdk/client-s3');
  return sdk;
}

export const used = [fetch, HttpsProxyAgent, NodeHttpHandler, http, https, S3Client, AsyncEntry];
export type Used = EnvHttpProxyAgent | PutObjectCommand | Server;
