// A store that takes the headers and then goes silent (a dropped VPN): does the SDK handler give up?
import http from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest } from '@smithy/core/transport';
import { Readable } from 'node:stream';
const server = http.createServer((req) => { req.pause(); /* never reads, never answers */ });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
async function attempt(label, options) {
  const handler = new NodeHttpHandler(options);
  const body = Readable.from([Buffer.alloc(32 * 1024 * 1024)]);
  const request = new HttpRequest({ protocol: 'http:', hostname: '127.0.0.1', port, method: 'PUT', path: '/',
    headers: { host: '127.0.0.1', 'content-length': String(32 * 1024 * 1024) }, body });
  const started = Date.now();
  const outcome = await Promise.race([
    handler.handle(request).then(() => 'answered', (e) => `failed: ${e.message.slice(0, 80)}`),
    new Promise((r) => setTimeout(() => r('still pending'), 3000)),
  ]);
  console.log(label, '->', outcome, 'after', Date.now() - started, 'ms');
  handler.destroy();
}
await attempt('s3Timeouts shape, requestTimeout 500 (ours, scaled)', { connectionTimeout: 10_000, requestTimeout: 500 });
await attempt('socketTimeout 500', { connectionTimeout: 10_000, socketTimeout: 500 });
server.closeAllConnections(); server.close();
