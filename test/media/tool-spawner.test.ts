import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { childSpawnerChannel } from '../../src/engine/media/child-spawner-channel';
import { hasFilter } from '../../src/engine/media/filter-support';
import { locateTool } from '../../src/engine/media/locate-tools';
import { portSpawnerChannel } from '../../src/engine/media/port-spawner-channel';
import { runTool, type RunToolOptions } from '../../src/engine/media/run-tool';
import { ToolLauncher } from '../../src/engine/media/tool-launcher';
import { isToolLaunchFailure } from '../../src/engine/media/tool-spawner';
import { systemClock } from '../../src/engine/time/clock';
import type { OpenSpawnerChannel } from '../../src/engine/media/spawner-channel';
import { spawnerPortFromMain } from '../../src/main/engine-host/message-port-main';
import { ToolSpawnerHost } from '../../src/main/engine-host/tool-spawner-host';
import { fakeToolSpawnerHost } from '../electron/fake-spawner-process';
import { nodeSpawnerPort } from '../helpers/node-spawner-port';
import { spawnerKilledAt } from '../helpers/spawner-killed-at';
import {
  endlessFfmpegArgs,
  isRunning,
  parentOf,
  parentOrNone,
  realTools,
  useMediaFixtures,
} from './media-test-kit';

const fixtures = useMediaFixtures();
/** Tests that need a Node child spawner cannot run inside Electron. */
const noSpawner = process.versions.electron !== undefined;

/** The engine's side of the desktop app's spawner: a port from main's host, per channel. */
function overPorts(host: ToolSpawnerHost): OpenSpawnerChannel {
  return (options) =>
    portSpawnerChannel(
      Promise.resolve(host.connect(options)).then((port) => port && spawnerPortFromMain(port)),
    );
}

interface Transport {
  name: string;
  open: () => { channel: OpenSpawnerChannel; stop: () => void };
}

/**
 * Every behaviour below holds whatever carries the messages: the CLI's and web host's Node
 * child, and the desktop app's MessagePort to a spawner utility process that main runs (a
 * fake of Electron's utility process around the real script; real MessagePorts, real tools).
 */
const transports: Transport[] = [
  { name: 'a Node child', open: () => ({ channel: childSpawnerChannel, stop: () => {} }) },
  {
    name: 'a MessagePort to the desktop app’s spawner process',
    open: () => {
      const { host } = fakeToolSpawnerHost();
      return { channel: overPorts(host), stop: () => host.stop() };
    },
  },
];

const endless = endlessFfmpegArgs;

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && isRunning(pid); i += 1) await new Promise((r) => setTimeout(r, 25));
  return !isRunning(pid);
}

/**
 * Whether a process has ended: gone, or dead and waiting for its parent to reap it (a hung
 * spawner reaps nothing until it runs again).
 */
async function ended(pid: number): Promise<boolean> {
  const dead = () => {
    if (!isRunning(pid)) return true;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  };
  for (let i = 0; i < 200 && !dead(); i += 1) await new Promise((r) => setTimeout(r, 25));
  return dead();
}

describe.skipIf(noSpawner).each(transports)(
  'tools started by the spawner over $name',
  (transport) => {
    let stop = () => {};
    let launching = new ToolLauncher(null, systemClock);
    /** What the engine asked each time it opened a channel to a spawner. */
    const opens: Array<{ replace?: boolean } | undefined> = [];
    /** runTool as the engine calls it, through this test's spawner. */
    const runVia = (file: string, args: readonly string[], options: RunToolOptions = {}) =>
      runTool(file, args, { ...options, launcher: launching });
    beforeAll(() => {
      const opened = transport.open();
      stop = opened.stop;
      launching = new ToolLauncher((options) => {
        opens.push(options);
        return opened.channel(options);
      }, systemClock);
    });
    afterAll(() => {
      launching.close();
      stop();
    });
    afterEach(() => launching.useSpawner(true));

    it('gives the same ffprobe and ffmpeg results as tools started directly', async () => {
      const tools = realTools();
      const ffprobe = await tools.require('ffprobe');
      const ffmpeg = await tools.require('ffmpeg');
      const clip = fixtures().shortClips[0]!;
      const probeArgs = ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', clip];
      const frameArgs = ['-v', 'error', '-i', clip, '-frames:v', '3', '-f', 'framemd5', '-'];
      const viaSpawner = [await runVia(ffprobe, probeArgs), await runVia(ffmpeg, frameArgs)];
      const bad = await runVia(ffprobe, ['-v', 'error', fixtures().textAsMp4]);
      launching.useSpawner(false);
      const direct = [await runVia(ffprobe, probeArgs), await runVia(ffmpeg, frameArgs)];
      expect(viaSpawner).toEqual(direct);
      expect(viaSpawner[0]!.stdout).toContain('"codec_type": "video"');
      // The same message, but for the address of the demuxer in memory.
      const unplaced = (run: { stderr: string }) => ({
        ...run,
        stderr: run.stderr.replace(/0x[0-9a-f]+/g, ''),
      });
      expect(unplaced(bad)).toEqual(
        unplaced(await runVia(ffprobe, ['-v', 'error', fixtures().textAsMp4])),
      );
      expect(bad.exitCode).not.toBe(0);
    });

    it('starts tools from the spawner, not from the engine’s own process', async () => {
      const ffmpeg = await realTools().require('ffmpeg');
      let parent = 0;
      await runVia(ffmpeg, ['-v', 'error', '-version'], {
        onSpawn: (pid) => (parent = parentOf(pid)),
      });
      expect(parent).toBe(launching.spawner!.pid);
      expect(parent).not.toBe(process.pid);
    });

    it('reports a cancelled tool as cancelled, and the tool is gone', async () => {
      const ffmpeg = await realTools().require('ffmpeg');
      const controller = new AbortController();
      let pid = 0;
      const run = runVia(ffmpeg, endless, {
        signal: controller.signal,
        onSpawn: (spawned) => {
          pid = spawned;
          controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'E_CANCELLED' });
      expect(await gone(pid)).toBe(true);
      await expect(runVia(ffmpeg, endless, { timeoutMs: 300 })).rejects.toMatchObject({
        code: 'E_TIMEOUT',
        retryable: true,
      });
    });

    it('ends a timed-out run even when the spawner has stopped answering, and the tool is gone', async () => {
      // A spawner that is alive but hung (stopped, its event loop stuck) never answers the
      // kill: the time limit must still end the run, or the job waits for ever.
      const ffmpeg = await realTools().require('ffmpeg');
      let tool = 0;
      let spawner = 0;
      const run = runVia(ffmpeg, endless, {
        timeoutMs: 300,
        onSpawn: (pid) => {
          tool = pid;
          spawner = launching.spawner!.pid!;
          process.kill(spawner, 'SIGSTOP');
        },
      });
      try {
        // Whether the tool had finished is not known (its answer may be stuck in the hung
        // spawner): the run fails as a spawner death does, retryable, nothing said of the file.
        await expect(run).rejects.toSatisfy(isToolLaunchFailure);
        expect(await ended(tool)).toBe(true);
        // The next run asks for a new spawner, not a port to the hung one (the desktop app's
        // host then replaces that process, which closing the engine's port does not end).
        const next = await runVia(ffmpeg, ['-v', 'error', '-version']);
        expect(next.exitCode).toBe(0);
        expect(opens.at(-1)).toEqual({ replace: true });
      } finally {
        try {
          process.kill(spawner, 'SIGCONT');
        } catch {
          // The hung spawner was killed: nothing to resume.
        }
      }
    });

    it('says a missing tool is missing', async () => {
      await expect(runVia('/nonexistent/ffmpeg', ['-version'])).rejects.toMatchObject({
        code: 'E_FFMPEG_MISSING',
      });
    });

    it('starts a new spawner after one crashed; the runs it held fail as retryable, their tools stopped', async () => {
      const ffmpeg = await realTools().require('ffmpeg');
      let pid = 0;
      let started: () => void = () => {};
      const running = new Promise<void>((resolve) => (started = resolve));
      const held = runVia(ffmpeg, endless, {
        onSpawn: (spawned) => {
          pid = spawned;
          started();
        },
      });
      await running;
      const crashed = launching.spawner!.pid!;
      process.kill(crashed, 'SIGKILL');
      await expect(held).rejects.toMatchObject({ code: 'E_INTERNAL', retryable: true });
      expect(await gone(pid)).toBe(true);

      const again = await runVia(ffmpeg, ['-v', 'error', '-version']);
      expect(again.exitCode).toBe(0);
      expect(launching.spawner!.pid).not.toBe(crashed);
    });
  },
);

describe.skipIf(noSpawner)('a spawner that cannot start', () => {
  const launchers: ToolLauncher[] = [];
  afterAll(() => {
    for (const launcher of launchers) launcher.close();
  });
  function launcherOver(
    open: OpenSpawnerChannel,
    clock: { now(): number } = systemClock,
  ): ToolLauncher {
    const launcher = new ToolLauncher(open, clock);
    launchers.push(launcher);
    return launcher;
  }
  async function parentOfRun(launcher: ToolLauncher): Promise<number> {
    const ffmpeg = await realTools().require('ffmpeg');
    let parent = 0;
    const run = await runTool(ffmpeg, ['-v', 'error', '-version'], {
      launcher,
      onSpawn: (pid) => (parent = parentOf(pid)),
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('ffmpeg version');
    return parent;
  }

  it('lets tools start directly when the desktop app has no spawner to give, and asks no more', async () => {
    let asked = 0;
    const host = new ToolSpawnerHost({
      fork: () => {
        throw new Error('utility process refused');
      },
      createChannel: () => {
        throw new Error('never asked for a channel without a spawner');
      },
      log: () => undefined,
    });
    const open = overPorts(host);
    const launcher = launcherOver(() => {
      asked += 1;
      return open();
    });
    expect(await parentOfRun(launcher)).toBe(process.pid);
    expect(await parentOfRun(launcher)).toBe(process.pid);
    expect(asked).toBe(1);
  });

  it('starts tools directly while a spawner that did not come up waits, then starts it again', async () => {
    let now = 1_000_000;
    let opened = 0;
    const launcher = launcherOver(
      () => {
        opened += 1;
        if (opened > 1) return childSpawnerChannel();
        // A spawner whose port closes before it says it is ready (it crashed starting).
        const { port1, port2 } = new MessageChannel();
        port2.close();
        return portSpawnerChannel(Promise.resolve(nodeSpawnerPort(port1)));
      },
      { now: () => now },
    );
    expect(await parentOfRun(launcher)).toBe(process.pid);
    expect(await parentOfRun(launcher)).toBe(process.pid);
    expect(opened).toBe(1);
    now += 1_000;
    const parent = await parentOfRun(launcher);
    expect(opened).toBe(2);
    expect(parent).not.toBe(process.pid);
    expect(parent).toBe(launcher.spawner!.pid);
  });

  it('refuses runs once the engine is stopping, rather than starting tools itself', async () => {
    const ffmpeg = await realTools().require('ffmpeg');
    // The desktop engine stopping: its open ask for a spawner port is refused.
    const refused = launcherOver(() =>
      portSpawnerChannel(Promise.reject(new Error('the engine is stopping'))),
    );
    let spawned = 0;
    const onSpawn = () => (spawned += 1);
    await expect(
      runTool(ffmpeg, ['-v', 'error', '-version'], { launcher: refused, onSpawn }),
    ).rejects.toMatchObject({ code: 'E_DISPOSED' });
    await expect(
      runTool(ffmpeg, ['-v', 'error', '-version'], { launcher: refused, onSpawn }),
    ).rejects.toMatchObject({ code: 'E_DISPOSED' });
    const stopped = launcherOver(childSpawnerChannel);
    stopped.stop();
    await expect(
      runTool(ffmpeg, ['-v', 'error', '-version'], { launcher: stopped, onSpawn }),
    ).rejects.toMatchObject({ code: 'E_DISPOSED' });
    expect(spawned).toBe(0);
  });
});

describe.skipIf(noSpawner)('a spawner that keeps dying', () => {
  const launchers: ToolLauncher[] = [];
  afterAll(() => {
    for (const launcher of launchers) launcher.close();
  });

  it('is started again after growing waits when it dies as it comes up, tools starting directly meanwhile; one that proved itself is restarted at once', async () => {
    const ffmpeg = await realTools().require('ffmpeg');
    let now = 1_000_000;
    let dying = true;
    let opened = 0;
    const open = spawnerKilledAt((message) => dying && message.t === 'ready');
    const launcher = new ToolLauncher(
      () => {
        opened += 1;
        return open();
      },
      { now: () => now },
    );
    launchers.push(launcher);
    /** How one run went: its tool a child of the engine, of a spawner, or lost with it. */
    const run = async (
      args: readonly string[] = ['-v', 'error', '-version'],
      onSpawn = () => {},
    ) => {
      let parent = 0;
      try {
        await runTool(ffmpeg, args, {
          launcher,
          onSpawn: (pid) => {
            parent = parentOrNone(pid);
            onSpawn();
          },
        });
      } catch (error) {
        if (isToolLaunchFailure(error)) return 'lost';
        throw error;
      }
      return parent === process.pid ? 'direct' : 'spawner';
    };
    /** Each run after moving the clock by one of these, with the spawners opened after it. */
    const runsAfter = async (steps: number[]) => {
      const seen: string[] = [];
      for (const step of steps) {
        now += step;
        seen.push(`${await run()} ${opened}`);
      }
      return seen;
    };

    // One death restarts at once (a crash); the next in a row waits 1 s, then 2 s, then 4 s.
    expect(await runsAfter([0, 0, 0, 999, 1])).toEqual([
      'lost 1',
      'lost 2',
      'direct 2',
      'direct 2',
      'lost 3',
    ]);
    expect(await runsAfter([1_999, 1, 3_999, 1])).toEqual([
      'direct 3',
      'lost 4',
      'direct 4',
      'lost 5',
    ]);
    dying = false;
    expect(await runsAfter([7_999, 1])).toEqual(['direct 5', 'spawner 6']);

    // That one ended a run: its death is a first one again, restarted at once.
    await killSpawner(launcher);
    expect(await runsAfter([0])).toEqual(['spawner 7']);
    // A spawner that ended no run but stayed up 30 s has proved itself too.
    await killSpawner(launcher);
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = run(endless, () => started());
    await running;
    expect(opened).toBe(8);
    now += 30_000;
    await killSpawner(launcher);
    expect(await held).toBe('lost');
    expect(await runsAfter([0])).toEqual(['spawner 9']);
  });
});

describe.skipIf(noSpawner)('a question asked of a spawner that died under it', () => {
  const launchers: ToolLauncher[] = [];
  afterAll(() => {
    for (const launcher of launchers) launcher.close();
  });
  /** A launcher whose every spawner dies as its first tool starts. */
  function dyingLauncher(): ToolLauncher {
    const launcher = new ToolLauncher(
      spawnerKilledAt((message) => message.t === 'pid'),
      systemClock,
    );
    launchers.push(launcher);
    return launcher;
  }

  it('still finds the tool: its -version is asked again, directly, not taken for "not ffmpeg"', async () => {
    const status = await locateTool('ffmpeg', {
      settingsPath: null,
      env: process.env,
      bundledPath: null,
      launcher: dyingLauncher(),
    });
    expect(status).toMatchObject({ kind: 'found' });
  });

  it('fails the filter question rather than answering "no", and remembers nothing', async () => {
    const ffmpeg = await realTools().require('ffmpeg');
    await expect(hasFilter(ffmpeg, 'scale', { launcher: dyingLauncher() })).rejects.toSatisfy(
      isToolLaunchFailure,
    );
    expect(await hasFilter(ffmpeg, 'scale')).toBe(true);
  });
});

/** SIGKILLs the launcher's spawner and waits until the launcher saw it go. */
async function killSpawner(launcher: ToolLauncher): Promise<void> {
  process.kill(launcher.spawner!.pid!, 'SIGKILL');
  for (let i = 0; i < 200 && launcher.spawner!.pid !== null; i += 1)
    await new Promise((r) => setTimeout(r, 25));
  expect(launcher.spawner!.pid).toBeNull();
}
