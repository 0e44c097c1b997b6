import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands';
import { makeClips, startCliWorld, type CliWorld } from './cli-world';

let world: CliWorld;
let clips: string;
beforeAll(async () => {
  world = await startCliWorld();
  // Kept until the end (makeClips' folder goes after the first test): the queue sends later.
  clips = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-cli-queue-'));
  fs.cpSync(await makeClips(['61_first-light.mp4', '62_last-call.mp4']), clips, {
    recursive: true,
  });
  // Analysed and queued for upload; little is sent before it leaves (queued uploads start
  // while a Dailies runs), nothing registered until a command waits for the queue.
  const run = await world.dailies(['ingest', clips, '--upload']);
  expect(run.status).toBe(0);
});
afterAll(async () => {
  await world?.close();
  fs.rmSync(clips, { recursive: true, force: true });
});

interface Listed {
  title: string;
  ageRating: string;
  tags: string[];
  status: string;
}

async function listed(query: string): Promise<Listed[]> {
  const run = await world.dailies(['ls', query, '--json']);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Listed[];
}

describe('dailies set', () => {
  it('changes the fields it is given, and refuses what the app refuses, naming the option', async () => {
    const run = await world.dailies([
      'set',
      '#61',
      '--title',
      'Dawn Patrol',
      '--age-rating',
      '15+',
      '--add-tag',
      'festival',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Changed 1 asset.');
    expect(await listed('dawn')).toMatchObject([
      { title: 'Dawn Patrol', ageRating: '15+', tags: expect.arrayContaining(['festival']) },
    ]);

    const wrong = await world.dailies(['set', '#61', '--age-rating', '21+']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--age-rating: Choose one of ALL, 12+, 15+ or 18+');
    const nothing = await world.dailies(['set', '#61']);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('Nothing to change');
    expect(await listed('dawn')).toMatchObject([{ title: 'Dawn Patrol', ageRating: '15+' }]);
  });
});

describe('dailies queue', () => {
  it('pauses, cancels, queues again and resumes the uploads it names, until all are sent', async () => {
    expect((await world.dailies(['queue', 'pause', '--all'])).stdout).toContain(
      'Paused: 2 uploads.',
    );
    expect((await world.dailies(['queue', 'cancel', '#62'])).stdout).toContain(
      'Cancelled: 1 upload.',
    );
    // Only the paused one resumes; the cancelled one waits for "retry".
    const resumed = await world.dailies(['queue', 'resume', '--all', '--wait']);
    expect(resumed.status).toBe(0);
    expect(await world.keys()).toContain('videos/61_first-light.mp4');
    // Not registered: its video may have gone up while the ingest ran (queued uploads start
    // while a Dailies runs), but its send stopped there and was cancelled.
    expect(world.platform.store.videoAssets(62)).toEqual([]);

    const retried = await world.dailies(['queue', 'retry', path.join(clips, '62_last-call.mp4')]);
    expect(retried.stdout).toContain('Queued again: 1 upload.');
    const finished = await world.dailies(['queue', 'resume', '--all', '--wait']);
    expect(finished.status).toBe(0);
    expect(await world.keys()).toContain('videos/62_last-call.mp4');
    expect(world.platform.store.videoAssets(62)).toHaveLength(1);

    const neither = await world.dailies(['queue', 'pause']);
    expect(neither.status).toBe(2);
    expect(neither.stderr).toContain('Name the assets, or give --all');
  });
});

describe('quiet runs and shell completion', () => {
  it('prints with --quiet the result of an ingest but no progress lines', async () => {
    // Other lengths than the clips above: the same content would be the same asset.
    const dir = await makeClips(['63_quiet-one.mp4'], 4);
    const loud = await world.dailies(['ingest', dir]);
    expect(loud.stderr).toContain('63_quiet-one.mp4');
    const other = await makeClips(['64_quiet-two.mp4'], 3);
    const quiet = await world.dailies(['ingest', other, '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toContain('1 file: 1 analysed.');
    expect(quiet.stderr).not.toContain('64_quiet-two.mp4');
  });

  it('prints a completion script for bash, zsh and fish that knows every command', async () => {
    // The real command table: a command added later is held to the same test.
    expect(commands.length).toBeGreaterThanOrEqual(15);
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const run = await world.dailies(['completion', shell]);
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      for (const command of commands) {
        const { offered, optionsLine } = completionLinesFor(shell, command.name, lines);
        expect(offered, `${shell} offers "${command.name}"`).toBe(true);
        for (const option of Object.keys(command.options)) {
          expect(optionsLine, `${shell} completes ${command.name} --${option}`).toMatch(
            new RegExp(shell === 'fish' ? `-l ${option}\\b` : `--${option}\\b`),
          );
        }
      }
    }
    const unknown = await world.dailies(['completion', 'tcsh']);
    expect(unknown.status).toBe(2);
  });
});

/**
 * Where a completion script offers a command (the first word) and its options (the words
 * after it): for fish, all the `-l` lines of that subcommand joined.
 */
function completionLinesFor(
  shell: 'bash' | 'zsh' | 'fish',
  name: string,
  lines: string[],
): { offered: boolean; optionsLine: string } {
  const word = new RegExp(`(^|[ "])${name}([ "]|$)`);
  if (shell === 'fish') {
    return {
      offered: lines.some((line) => line.includes(`__fish_use_subcommand -a ${name} `)),
      optionsLine: lines
        .filter((line) => line.includes(`"__fish_seen_subcommand_from ${name}"`))
        .join('\n'),
    };
  }
  const firstWords = lines.find((line) =>
    shell === 'bash'
      ? line.includes('compgen -W "') && !line.includes('$opts')
      : /^\s+compadd -- /.test(line) && !line.includes(')'),
  );
  return {
    offered: firstWords !== undefined && word.test(firstWords),
    optionsLine: lines.find((line) => line.startsWith(`    ${name})`)) ?? '',
  };
}
