import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultRules, type Fault, type FaultRule, type FaultRuleHandle } from './fault-rules';
import { emptyStats, type FaultProxyStats } from './fault-proxy-stats';
import { requestChecksums, type RequestChecksums } from '../../src/stand-ins/s3-store/s3-checksums';
import { s3CodeForStatus, sendS3Error } from '../../src/stand-ins/s3-store/s3-error-response';
import { describeRequest, type ProxiedRequest } from '../../src/stand-ins/s3-store/s3-operation';

export type { Fault, FaultRule, FaultRuleHandle } from './fault-rules';
export type { FaultProxyStats } from './fault-proxy-stats';
export type { ProxiedRequest } from '../../src/stand-ins/s3-store/s3-operation';

export interface FaultProxyOptions {
  /** The loopback server to forward to, e.g. moto's `http://127.0.0.1:PORT`. */
  target: string;
  /**
   * 's3' also names S3 operations, validates checksum headers against the forwarded bytes
   * (moto does not) and answers injected statuses with S3 XML errors; 'http' only forwards.
   */
  mode: 's3' | 'http';
  /** Seed of the PRNG behind `share`; same seed and same request order, same faults. */
  seed?: number;
}

export interface FaultProxy {
  /** Base URL to point clients at (`http://127.0.0.1:PORT`). */
  readonly url: string;
  readonly port: number;
  /** Adds a rule after the existing ones; the first rule that fires decides a request's fault. */
  addRule(rule: FaultRule): FaultRuleHandle;
  clearRules(): void;
  /** Corrupts the body of UploadPart number `partNumber` in flight, once unless `always`. */
  corruptPart(partNumber: number, options?: { always?: boolean; offset?: number }): FaultRuleHandle;
  /** A copy of the counters so far. */
  stats(): FaultProxyStats;
  resetStats(): void;
  /** Stops listening and destroys every open connection, client and upstream side. */
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection and are not forwarded. `expect` is dropped
// too: the proxy itself answers 100-continue to the client and streams the body upstream.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

function endToEnd(rawHeaders: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!HOP_BY_HOP.has(rawHeaders[i]!.toLowerCase()))
      kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

function loopbackTarget(target: string): URL {
  const url = new URL(target);
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`The fault proxy forwards only to http:// loopback targets, got ${target}`);
  }
  return url;
}

/** Flips the byte at `offset` of a stream of chunks (default: the middle of the body). */
function corruptor(offset: number | undefined, contentLength: number): (chunk: Buffer) => Buffer {
  const at = offset ?? Math.floor(Math.max(contentLength, 0) / 2);
  let position = 0;
  return (chunk) => {
    const start = position;
    position += chunk.length;
    if (at < start || at >= position) return chunk;
    const copy = Buffer.from(chunk); // never modify the sender's buffer
    copy[at - start] = copy[at - start]! ^ 0xff;
    return copy;
  };
}

/**
 * An HTTP proxy on 127.0.0.1 (port 0) in front of one loopback server, injecting faults that
 * tests choose at run time and, in 's3' mode, playing S3's part in checksum validation.
 *
 * Bodies are streamed, never buffered whole: the proxy hashes each chunk as it passes and
 * holds back only the latest chunk. When the request ends it compares the digests with the
 * headers; on a mismatch it destroys the upstream request before that last chunk, so the
 * server sees a truncated body and stores nothing (moto answers 400 and keeps no object or
 * part), and the client gets S3's 400 BadDigest. Memory per request stays at one socket
 * chunk whatever the part size; the cost is that a rejected body has already crossed the
 * loopback to the server once.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = loopbackTarget(options.target);
  const rules = new FaultRules(options.seed ?? 1);
  const agent = new http.Agent({ keepAlive: false });
  const timers = new Set<NodeJS.Timeout>();
  let stats = emptyStats();
  let seq = 0;

  const answerStatus = (res: ServerResponse, fault: Extract<Fault, { kind: 'status' }>): void => {
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
    if (options.mode === 's3' && fault.body === undefined) {
      const { code, message } = s3CodeForStatus(fault.status);
      sendS3Error(res, fault.status, code, message, { headers });
      return;
    }
    const body = fault.body ?? `${fault.status} injected by the fault proxy\n`;
    res.writeHead(fault.status, { ...headers, 'content-type': 'text/plain' });
    res.end(body);
  };

  // Reads and discards the rest of a request body, then answers: replying while the client is
  // still sending would make it see a reset instead of our answer.
  const afterBody = (req: IncomingMessage, answer: () => void): void => {
    if (req.complete) answer();
    else req.on('end', answer).resume();
  };

  const relay = (
    upstream: IncomingMessage,
    req: IncomingMessage,
    res: ServerResponse,
    cut: Extract<Fault, { kind: 'cut' }> | undefined,
  ): void => {
    const length = Number(upstream.headers['content-length'] ?? Number.NaN);
    if (cut && (req.method === 'HEAD' || length === 0)) {
      upstream.destroy();
      req.socket.destroy();
      return;
    }
    res.writeHead(
      upstream.statusCode ?? 502,
      upstream.statusMessage,
      endToEnd(upstream.rawHeaders),
    );
    if (cut) res.flushHeaders();
    let left = cut
      ? (cut.afterBytes ?? (Number.isFinite(length) ? Math.floor(length / 2) : 1))
      : Infinity;
    // Ending the socket (not destroying it) flushes what was written, then closes: the client
    // gets the headers and the first bytes, then a connection closed before the body's end.
    const hangUp = (): void => {
      upstream.destroy();
      req.socket.end();
    };
    upstream.on('data', (chunk: Buffer) => {
      if (left <= 0) return;
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
      left -= part.length;
      stats.bytesReturned += part.length;
      const flowing = res.write(part);
      if (cut && left <= 0) hangUp();
      else if (!flowing) {
        upstream.pause();
        res.once('drain', () => upstream.resume());
      }
    });
    upstream.on('end', () => {
      if (cut) hangUp();
      else res.end();
    });
    upstream.on('error', () => res.destroy());
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    checksums: RequestChecksums | undefined,
    fault: Extract<Fault, { kind: 'cut' } | { kind: 'corrupt' }> | undefined,
  ): void => {
    const reject = (rejection: NonNullable<RequestChecksums['early']>): void => {
      bump(stats.rejected, rejection.code);
      sendS3Error(res, 400, rejection.code, rejection.message, { details: rejection.details });
    };
    if (checksums?.early) {
      const early = checksums.early;
      afterBody(req, () => reject(early));
      return;
    }
    let answeredHere = false;
    const upstream = http.request({
      agent,
      host: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port,
      method: req.method,
      path: req.url,
      headers: endToEnd(req.rawHeaders),
    });
    upstream.on('response', (response) => {
      if (answeredHere) response.destroy();
      else relay(response, req, res, fault?.kind === 'cut' ? fault : undefined);
    });
    upstream.on('error', () => {
      if (answeredHere) return;
      if (res.headersSent) res.destroy();
      else {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('The fault proxy could not reach its target.\n');
      }
    });
    req.on('close', () => {
      if (!req.complete) upstream.destroy(); // the client went away mid-body
    });

    // aws-chunked bodies have no content-length; their payload length is a fine stand-in.
    const contentLength = Number(
      req.headers['content-length'] ?? req.headers['x-amz-decoded-content-length'] ?? 0,
    );
    const damage = fault?.kind === 'corrupt' ? corruptor(fault.offset, contentLength) : undefined;
    let held: Buffer | undefined;
    const send = (chunk: Buffer): void => {
      stats.bytesForwarded += chunk.length;
      if (!upstream.write(chunk)) {
        req.pause();
        upstream.once('drain', () => req.resume());
      }
    };
    req.on('data', (chunk: Buffer) => {
      const bytes = damage ? damage(chunk) : chunk;
      checksums?.update(bytes);
      if (held) send(held);
      held = bytes;
    });
    req.on('end', () => {
      const rejection = res.headersSent ? undefined : checksums?.verify();
      if (rejection) {
        answeredHere = true;
        upstream.destroy(); // the server never receives the last chunk: nothing is stored
        reject(rejection);
        return;
      }
      if (held) send(held);
      upstream.end();
    });
  };

  const server = http.createServer((req, res) => {
    const request: ProxiedRequest = describeRequest(
      ++seq,
      options.mode,
      req.method ?? 'GET',
      req.url ?? '/',
      req.headers,
    );
    stats.requests += 1;
    bump(stats.byOperation, request.operation);
    const checksums = options.mode === 's3' ? requestChecksums(req.headers) : undefined;
    if (checksums) {
      for (const algorithm of checksums.headers) bump(stats.checksumHeaders, algorithm);
      for (const algorithm of checksums.trailers) bump(stats.checksumTrailers, algorithm);
      if (checksums.payloadSha256) stats.payloadSha256 += 1;
    }

    const fault = rules.pick(request);
    if (fault) bump(stats.faults, fault.kind);
    switch (fault?.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'status':
        afterBody(req, () => answerStatus(res, fault));
        return;
      case 'delay': {
        // The body waits in the socket (no 'data' listener yet) until the delay is over.
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!req.destroyed) forward(req, res, checksums, undefined);
        }, fault.ms);
        timers.add(timer);
        return;
      }
      case 'cut':
      case 'corrupt':
      case undefined:
        forward(req, res, checksums, fault);
        return;
    }
  });
  // Uploads of big parts over a slow emulator must not hit Node's default 5-minute limit,
  // and idle keep-alive sockets must outlive the SDK's reuse of them.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    addRule: (rule) => rules.add(rule),
    clearRules: () => rules.clear(),
    corruptPart: (partNumber, corrupt = {}) =>
      rules.add({
        fault: { kind: 'corrupt', offset: corrupt.offset },
        when: (request) => request.operation === 'UploadPart' && request.partNumber === partNumber,
        times: corrupt.always ? undefined : 1,
      }),
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
