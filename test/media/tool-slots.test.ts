import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDailiesError } from '../../src/shared/contract';
import { hasFilter } from '../../src/engine/media/filter-support';
import { ToolSlots, type ReleaseSlot } from '../../src/engine/media/tool-slots';
import { tempDir } from '../helpers/temp-dir';
import { realTools } from './media-test-kit';

describe('tool slots: how many tools run at once', () => {
  it('hands slots out first come, first served, and no more than its size at once', async () => {
    const slots = new ToolSlots(() => 2);
    const order: string[] = [];
    const take = (name: string) =>
      slots.acquire().then((release) => {
        order.push(name);
        return release;
      });
    const [a, b] = await Promise.all([take('a'), take('b')]);
    const waiting = [take('c'), take('d')];
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(slots.taken).toBe(2);

    a();
    a(); // given back twice: still one slot
    const c = await waiting[0]!;
    expect(order).toEqual(['a', 'b', 'c']);
    expect(slots.taken).toBe(2);
    b();
    const d = await waiting[1]!;
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    c();
    d();
    expect(slots.taken).toBe(0);
  });

  it('reads its size on each change: a larger setting lets a waiting tool start', async () => {
    let size = 1;
    const slots = new ToolSlots(() => size);
    const first = await slots.acquire();
    let second: ReleaseSlot | null = null;
    const secondWaits = slots.acquire().then((release) => (second = release));
    await Promise.resolve();
    expect(second).toBeNull();

    size = 2;
    // The next ask sees the larger size: the tool waiting before it starts now, it waits.
    let third: ReleaseSlot | null = null;
    const thirdWaits = slots.acquire().then((release) => (third = release));
    await secondWaits;
    expect(slots.taken).toBe(2);
    expect(third).toBeNull();
    first();
    await thirdWaits;
    second!();
    third!();
    expect(slots.taken).toBe(0);
  });

  it('says when a tool has to wait and when its slot came', async () => {
    const slots = new ToolSlots(() => 1);
    const heard: boolean[] = [];
    const first = await slots.acquire(undefined, (waiting) => heard.push(waiting));
    expect(heard).toEqual([]);
    const second = slots.acquire(undefined, (waiting) => heard.push(waiting));
    expect(heard).toEqual([true]);
    first();
    (await second)();
    expect(heard).toEqual([true, false]);
  });

  it('drops a cancelled wait: it rejects as cancelled and the next in line gets the slot', async () => {
    const slots = new ToolSlots(() => 1);
    const first = await slots.acquire();
    const stop = new AbortController();
    const cancelled = slots.acquire(stop.signal);
    const next = slots.acquire();
    stop.abort();
    await expect(cancelled).rejects.toSatisfy(
      (error) => isDailiesError(error) && error.code === 'E_CANCELLED',
    );
    first();
    (await next)();
    expect(slots.taken).toBe(0);
    await expect(slots.acquire(stop.signal)).rejects.toSatisfy(
      (error) => isDailiesError(error) && error.code === 'E_CANCELLED',
    );
  });

  it('gives a slot back once, however often it is given back', async () => {
    const slots = new ToolSlots(() => 1);
    const stop = new AbortController();
    const holder = await slots.acquire();
    const cancelled = slots.acquire(stop.signal);
    const next = slots.acquire();
    stop.abort();
    await expect(cancelled).rejects.toSatisfy(
      (error) => isDailiesError(error) && error.code === 'E_CANCELLED',
    );
    holder();
    holder();
    const nextRelease = await next;
    expect(slots.taken).toBe(1);
    nextRelease();
    expect(slots.taken).toBe(0);
  });
});

describe('the filter question shared by analyses', () => {
  it('answers one analysis from the listing of another, even when that other one is cancelled', async () => {
    // A binary of its own name (the answer is remembered per binary for the whole process),
    // slow to list its filters, so the cancel lands while the listing runs.
    const dir = tempDir('dailies-filter-wait-');
    const ffmpeg = path.join(dir, 'ffmpeg');
    const real = await realTools().require('ffmpeg');
    fs.writeFileSync(ffmpeg, `#!/bin/sh\nsleep 1\nexec '${real}' "$@"\n`, { mode: 0o755 });
    const first = new AbortController();
    const asksFirst = hasFilter(ffmpeg, 'scale', { signal: first.signal });
    const asksSecond = hasFilter(ffmpeg, 'scale', { signal: new AbortController().signal });
    // The first analysis is cancelled while the listing both wait on runs; the second is not.
    first.abort();
    expect(await asksFirst).toBe(false);
    expect(await asksSecond).toBe(true);
  });
});
