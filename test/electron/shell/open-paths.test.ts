import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenPathsQueue, pathsFromArgv } from '../../../src/main/shell/open-paths';
import { tempDir } from '../../helpers/temp-dir';

describe('files opened with Dailies', () => {
  it('takes existing paths from the command line, skipping the executable and switches', () => {
    const dir = tempDir('dailies-open-');
    fs.writeFileSync(path.join(dir, 'A001.mov'), '');
    fs.mkdirSync(path.join(dir, 'day2'));
    const options = { cwd: dir, isPackaged: true, exists: fs.existsSync };
    expect(
      pathsFromArgv(
        ['/opt/Dailies/dailies', '--no-sandbox', 'A001.mov', 'day2', 'missing.mov', 'A001.mov'],
        options,
      ),
    ).toEqual([path.join(dir, 'A001.mov'), path.join(dir, 'day2')]);
    // Unpackaged, argv[1] is the app folder ("electron .").
    expect(pathsFromArgv(['electron', dir, 'A001.mov'], { ...options, isPackaged: false })).toEqual(
      [path.join(dir, 'A001.mov')],
    );
    // Switches before the app folder (Playwright's _electron.launch): still not ingested.
    expect(
      pathsFromArgv(['electron', '--inspect=0', '--remote-debugging-port=0', dir, '--no-sandbox'], {
        ...options,
        isPackaged: false,
      }),
    ).toEqual([]);
  });

  it('keeps paths opened before the window loaded and sends them once it has', () => {
    const sent: string[][] = [];
    const scheduled: Array<() => void> = [];
    const queue = createOpenPathsQueue({
      send: (paths) => sent.push(paths),
      schedule: (run) => scheduled.push(run),
    });
    queue.add(['/footage/A001.mov']);
    queue.add(['/footage/A002.mov', '/footage/A001.mov']);
    expect(sent).toEqual([]);
    queue.windowReady();
    expect(sent).toEqual([['/footage/A001.mov', '/footage/A002.mov']]);

    // Later drops on the dock icon, a few files at a time, become one ingest.
    queue.add(['/footage/B001.mov']);
    queue.add(['/footage/B002.mov']);
    expect(scheduled).toHaveLength(1);
    scheduled[0]?.();
    expect(sent.at(-1)).toEqual(['/footage/B001.mov', '/footage/B002.mov']);
  });
});
