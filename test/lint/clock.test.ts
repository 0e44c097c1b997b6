import { describe, expect, it } from 'vitest';
import { markedLines, ruleReports } from './lint-fixtures-kit';

const RULE = 'dailies/clock';

describe('the clock rule', () => {
  it('reports every read of the system clock in the engine, and none in time/ or a host', async () => {
    const expected = markedLines('// clock reported');
    expect(expected.length).toBeGreaterThanOrEqual(7);
    // A line with two reads (Date.now and Math.random handed on) is reported twice.
    expect(await ruleReports(RULE, ['test/lint-fixtures'], false)).toEqual(
      [...expected, 'test/lint-fixtures/src/engine/ingest/reads-the-clock.ts:10'].sort(),
    );
  });

  it('reports nothing in the real engine', async () => {
    // The rule looks only at src/engine; linting the rest too would only cost time.
    expect(await ruleReports(RULE, ['src/engine'], true)).toEqual([]);
  });
});
