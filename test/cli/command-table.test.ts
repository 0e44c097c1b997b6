import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands';
import { listedStatuses } from '../../src/cli/commands/ls-spec';
import { assetStatuses } from '../../src/shared/contract';

describe('the command table', () => {
  it('loads, for every command help lists, the command of that name with the same options', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.options).toEqual(entry.options);
      expect(typeof command.run).toBe('function');
    }
  });

  it('offers in "ls --help" exactly the statuses the contract knows', () => {
    expect([...listedStatuses]).toEqual([...assetStatuses]);
  });
});
