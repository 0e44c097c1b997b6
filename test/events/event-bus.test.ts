import { describe, expect, it } from 'vitest';
import { EventBus, type AnyEvent } from '../../src/engine/events/event-bus';
import { recordingLogger } from '../helpers/recording-logger';

describe('the event bus', () => {
  it('logs a listener that throws, with its error, and still tells the others', () => {
    const { logger, errors } = recordingLogger();
    const bus = new EventBus(logger);
    const seen: string[] = [];
    const broken = new Error('the host window is gone');
    bus.subscribe((event) => seen.push(`first ${event.name}`));
    bus.subscribe(() => {
      throw broken;
    });
    bus.subscribe((event) => seen.push(`last ${event.name}`));

    expect(() => bus.emit('engine.ready', { dataDir: '/data' })).not.toThrow();
    expect(seen).toEqual(['first engine.ready', 'last engine.ready']);
    expect(errors()).toEqual([
      {
        level: 'error',
        scope: 'test',
        message: 'event listener failed',
        fields: { event: 'engine.ready', error: broken },
      },
    ]);
  });

  it('keeps delivering when the log itself throws', () => {
    const bus = new EventBus({
      error: () => {
        throw new Error('disk full');
      },
    });
    const seen: AnyEvent[] = [];
    bus.subscribe(() => {
      throw new Error('broken listener');
    });
    bus.subscribe((event) => seen.push(event));
    expect(() => bus.emit('engine.ready', { dataDir: '/data' })).not.toThrow();
    expect(seen).toHaveLength(1);
  });

  it('logs nothing when every listener is fine, and unsubscribes', () => {
    const { logger, records } = recordingLogger();
    const bus = new EventBus(logger);
    let count = 0;
    const stop = bus.subscribe(() => (count += 1));
    bus.emit('engine.ready', { dataDir: '/data' });
    stop();
    bus.emit('engine.ready', { dataDir: '/data' });
    expect(count).toBe(1);
    expect(records).toEqual([]);
  });
});
