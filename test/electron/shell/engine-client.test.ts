import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, type SyncOverview } from '../../../src/shared/contract';
import { enginePortChannel } from '../../../src/shared/desktop-ipc';
import { createMainEngineClient } from '../../../src/main/shell/engine-client';
import { fromMessagePortMain } from '../../../src/main/engine-host/message-port-main';
import { serveContractPort } from '../../../src/main/engine-host/serve-contract-port';
import { testEngine } from '../../helpers/engine';
import { nodePortAsMain, until } from '../fake-electron';

const open: MessagePort[] = [];
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

/** A real engine behind a real channel; returns the end the supervisor hands to main. */
function servedEngine() {
  const engine = testEngine({ host: 'electron' });
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  serveContractPort(fromMessagePortMain(nodePortAsMain(port1)), {
    dispatch: (method: string, input: unknown) => engine.dispatch(method, input),
    subscribe: engine.subscribe,
  });
  return { engine, mainEnd: nodePortAsMain(port2) };
}

describe("main's own engine connection", () => {
  it('reads the queue and settings from the engine and follows its events', async () => {
    const client = createMainEngineClient(-1);
    const api = createApiClient(client.transport);
    let connected = 0;
    client.onConnected(() => (connected += 1));
    const early = await client.transport.request('settings.get', {});
    expect(early).toMatchObject({ ok: false, error: { retryable: true } });

    const { mainEnd } = servedEngine();
    client.target.postMessage(enginePortChannel, null, [mainEnd]);
    expect(connected).toBe(1);
    const overview: SyncOverview = await api.invoke('sync.overview', {});
    expect(overview).toMatchObject({ queued: 0, running: 0, failed: 0 });
    const settings = await api.invoke('settings.get', {});
    expect(settings).toMatchObject({ desktopNotifications: true, autoUpdate: true });

    const seen: boolean[] = [];
    api.subscribe('settings.changed', (next) => seen.push(next.desktopNotifications));
    await api.invoke('settings.set', { desktopNotifications: false });
    await until(() => seen.length > 0, 'settings.changed');
    expect(seen).toEqual([false]);

    client.close();
    expect(client.target.isDestroyed()).toBe(true);
  });
});
