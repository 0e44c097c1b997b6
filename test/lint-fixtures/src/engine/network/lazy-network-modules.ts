// The lazy loader itself may import the values: nothing here is reported.
export { Agent as HttpAgent } from 'node:http';
export { EnvHttpProxyAgent } from 'undici';
