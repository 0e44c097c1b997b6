import { describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../src/web/parse-web-args';

describe('web host command line', () => {
  it('reads the data dir and port, and picks a free port by default', () => {
    expect(parseWebArgs(['--data-dir', '/tmp/d', '--port', '5180'])).toMatchObject({
      dataDir: '/tmp/d',
      port: 5180,
    });
    expect(parseWebArgs([])).toMatchObject({ dataDir: null, port: 0, help: false });
  });

  it('refuses a bad port or an unknown option with a message an editor understands', () => {
    expect(() => parseWebArgs(['--port', 'eighty'])).toThrow(/--port must be a number/);
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--colour'])).toThrow(
      expect.objectContaining({ code: 'E_VALIDATION' }),
    );
  });
});
