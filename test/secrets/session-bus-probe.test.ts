import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { probeSessionBus, sessionBusSocket } from '../../src/engine/secrets/session-bus-probe';

describe('finding the session bus', () => {
  it('reads a path or an abstract socket from DBUS_SESSION_BUS_ADDRESS', () => {
    expect(
      sessionBusSocket(
        { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus,guid=ab12' },
        1000,
      ),
    ).toBe('/run/user/1000/bus');
    expect(
      sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'unix:abstract=/tmp/dbus-XyZ,guid=ab12' }, 1000),
    ).toBe('\0/tmp/dbus-XyZ');
    // The first unix address of several; a TCP one is skipped.
    expect(
      sessionBusSocket(
        { DBUS_SESSION_BUS_ADDRESS: 'tcp:host=localhost,port=1;unix:path=/tmp/my%20bus' },
        1000,
      ),
    ).toBe('/tmp/my bus');
    expect(sessionBusSocket({ DBUS_SESSION_BUS_ADDRESS: 'tcp:host=localhost,port=1' }, 1000)).toBe(
      null,
    );
  });

  it("falls back to systemd's per-user socket", () => {
    expect(sessionBusSocket({ XDG_RUNTIME_DIR: '/run/user/1234' }, 1234)).toBe(
      '/run/user/1234/bus',
    );
    expect(sessionBusSocket({}, 1234)).toBe('/run/user/1234/bus');
  });
});

describe.skipIf(process.platform !== 'linux')('asking the session bus', () => {
  it('finds a running bus alive and a missing one absent', async () => {
    const uid = process.getuid?.() ?? 0;
    const socket = sessionBusSocket(process.env, uid);
    if (process.env.DBUS_SESSION_BUS_ADDRESS && socket)
      expect(await probeSessionBus(socket, uid, 3_000)).toBe('answers');
    const nowhere = path.join(tempDir('dailies-no-bus-'), 'bus');
    expect(await probeSessionBus(nowhere, uid, 3_000)).toBe('absent');
  });
});
