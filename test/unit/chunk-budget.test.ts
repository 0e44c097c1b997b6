import { describe, expect, it } from 'vitest';
import { ChunkBudget, forEachChunk } from '../../src/engine/time/chunks';

describe('chunks sized by time', () => {
  it('takes fewer items when they cost more, and grows back at most twofold a step', () => {
    const budget = new ChunkBudget({ first: 250, budgetMs: 20, min: 8, max: 2000 });
    budget.record(250, 500); // 2 ms an item: a loaded machine
    expect(budget.size).toBe(10);
    budget.record(10, 0.5); // cheap again
    expect(budget.size).toBe(20);
    budget.record(20, 1);
    expect(budget.size).toBe(40);
    budget.record(40, 10_000);
    expect(budget.size).toBe(8); // never below the minimum
    for (let step = 0; step < 20; step += 1) budget.record(budget.size, 0);
    expect(budget.size).toBe(2000); // nor above the maximum
  });

  it('visits every item once, in order, whatever the slices', async () => {
    const items = Array.from({ length: 1000 }, (_, index) => index);
    const seen: number[] = [];
    const offsets: number[] = [];
    const budget = new ChunkBudget({ first: 7, min: 3, max: 50 });
    await forEachChunk(items, budget, (chunk, offset) => {
      offsets.push(offset);
      seen.push(...chunk);
      expect(chunk[0]).toBe(offset);
    });
    expect(seen).toEqual(items);
    expect(offsets[1]).toBe(7);
    expect(offsets.length).toBeGreaterThan(1000 / 50 - 1);
  });
});
