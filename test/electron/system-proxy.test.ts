import { describe, expect, it } from 'vitest';
import { proxyEnvFromSystem } from '../../src/main/system-proxy';

describe('the system proxy handed to the engine process', () => {
  it('turns the OS proxy into HTTPS_PROXY/HTTP_PROXY for the engine', () => {
    expect(proxyEnvFromSystem('PROXY proxy.corp:3128; DIRECT', {})).toEqual({
      HTTPS_PROXY: 'http://proxy.corp:3128',
      HTTP_PROXY: 'http://proxy.corp:3128',
    });
    expect(proxyEnvFromSystem('HTTPS secure.corp:443', {})).toEqual({
      HTTPS_PROXY: 'https://secure.corp:443',
      HTTP_PROXY: 'https://secure.corp:443',
    });
  });

  it('adds nothing for a direct connection, and skips SOCKS the engine cannot use', () => {
    expect(proxyEnvFromSystem('DIRECT', {})).toEqual({});
    expect(proxyEnvFromSystem('SOCKS5 socks.corp:1080; PROXY web.corp:8080', {})).toEqual({
      HTTPS_PROXY: 'http://web.corp:8080',
      HTTP_PROXY: 'http://web.corp:8080',
    });
  });

  it('leaves a proxy the editor set in the environment alone', () => {
    expect(proxyEnvFromSystem('PROXY proxy.corp:3128', { HTTPS_PROXY: 'http://mine:1' })).toEqual(
      {},
    );
  });
});
