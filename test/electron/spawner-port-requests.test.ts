import { describe, expect, it } from 'vitest';
import type { SpawnerPort } from '../../src/engine/media/port-spawner-channel';
import { createSpawnerPortRequests } from '../../src/main/engine-host/spawner-port-requests';

function port(): SpawnerPort & { closed: boolean } {
  return {
    closed: false,
    postMessage: () => undefined,
    onMessage: () => undefined,
    onClose: () => undefined,
    start: () => undefined,
    close() {
      this.closed = true;
    },
  };
}

describe('the engine process asking main for the tool spawner', () => {
  it('asks once per request and hands main’s answers out in order', async () => {
    let asked = 0;
    const requests = createSpawnerPortRequests(() => (asked += 1));
    const first = requests.request();
    const second = requests.request();
    expect(asked).toBe(2);
    const a = port();
    requests.answer(a);
    requests.answer(null);
    expect(await first).toBe(a);
    expect(await second).toBeNull();
  });

  it('refuses open and later requests once stopping, and closes a port that comes after', async () => {
    let asked = 0;
    const requests = createSpawnerPortRequests(() => (asked += 1));
    const open = requests.request();
    requests.cancel();
    await expect(open).rejects.toThrow(/stopping/);
    await expect(requests.request()).rejects.toThrow(/stopping/);
    expect(asked).toBe(1);
    const late = port();
    requests.answer(late);
    expect(late.closed).toBe(true);
  });
});
