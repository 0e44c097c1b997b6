/**
 * The proxy and HTTP libraries, gathered in one module of ours so that they are loaded only
 * when a request is made (see network-fetch.ts and s3-request-handler.ts). Re-exported from
 * an ES module of our own rather than imported dynamically straight from the packages: they
 * are CommonJS, and a bundle's dynamic import of a CommonJS package gives only its
 * `default` (undici's EnvHttpProxyAgent was undefined that way). node:http is here too: an
 * ES import of it makes Node load its own copy of undici (for http.WebSocket), over 100 ms.
 */
export { Agent as HttpAgent } from 'node:http';
export { Agent as HttpsAgent } from 'node:https';
export { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
export { HttpsProxyAgent } from 'https-proxy-agent';
export { NodeHttpHandler } from '@smithy/node-http-handler';
