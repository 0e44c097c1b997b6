import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { childSpawnerChannel } from '../../src/engine/media/child-spawner-channel';
import { portSpawnerChannel } from '../../src/engine/media/port-spawner-channel';
import { runTool } from '../../src/engine/media/run-tool';
import { ToolLauncher } from '../../src/engine/media/tool-launcher';
import type { OpenSpawnerChannel } from '../../src/engine/media/spawner-channel';
import { SPAWNER_SOURCE } from '../../src/engine/media/spawner-script';
import { toolEnvironment } from '../../src/engine/media/tool-environment';
import { systemClock } from '../../src/engine/time/clock';
import { PARENT_PORT_SHIM } from '../../test/electron/fake-spawner-process';
import { generateMediaFixtures } from '../../test/rig/media-fixtures';
import { engineToolPath } from '../engine-tool';
import type { Figure } from '../figure';
import type { SuiteContext } from '../suite';
import { median } from '../timing';
import { nodeSpawnerPort } from '../../test/helpers/node-spawner-port';

const ROUNDS = 3;
const RUNS = 40;
/** Heap the engine holds (catalog, caches), so forking it has as much to copy as the app's. */
const BALLAST_MB = 150;

/**
 * The engine's own CPU per ffprobe run, three ways in the same process, interleaved: forking
 * itself (direct), through the Node child spawner (CLI, web host), and over a MessagePort to
 * a spawner process (the desktop app's utility process, here the same script behind the
 * parentPort shim). The spawner's side and the port bridge run in a worker thread and the
 * figure is the main thread's CPU (process.threadCpuUsage), so only the engine's part counts.
 */
export async function runSpawnerBench(context: SuiteContext): Promise<Figure[]> {
  const ffprobe = await engineToolPath('ffprobe');
  if (!ffprobe) throw new Error('The engine finds no ffprobe; install FFmpeg first.');
  const ffmpeg = (await engineToolPath('ffmpeg')) ?? 'ffmpeg';
  const fixtures = await generateMediaFixtures(path.join(context.workDir, 'fixtures'), { ffmpeg });
  const args = ['-v', 'error', '-show_format', '-show_streams', '-of', 'json'];
  args.push(fixtures.shortClips[0]!);

  const bridge = new Worker(bridgeSource, {
    eval: true,
    workerData: { source: PARENT_PORT_SHIM + SPAWNER_SOURCE, env: toolEnvironment() },
  });
  const overPort: OpenSpawnerChannel = () => {
    const { port1, port2 } = new MessageChannel();
    bridge.postMessage({ port: port2 }, [port2]);
    return portSpawnerChannel(Promise.resolve(nodeSpawnerPort(port1)));
  };
  const ways = { direct: null, 'Node child': childSpawnerChannel, MessagePort: overPort };
  const ballast = Array.from({ length: BALLAST_MB }, () => Buffer.alloc(1024 * 1024, 1));
  const perRun: Record<keyof typeof ways, number[]> = {
    direct: [],
    'Node child': [],
    MessagePort: [],
  };
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [way, open] of Object.entries(ways) as Array<
        [keyof typeof ways, OpenSpawnerChannel | null]
      >) {
        const launcher = new ToolLauncher(open, systemClock);
        await runTool(ffprobe, args, { launcher }); // the spawner starts outside the measure
        const before = process.threadCpuUsage();
        for (let i = 0; i < RUNS; i += 1) await runTool(ffprobe, args, { launcher });
        const spent = process.threadCpuUsage(before);
        perRun[way].push((spent.user + spent.system) / 1000 / RUNS);
        launcher.close();
      }
      context.log(`round ${round + 1} of ${ROUNDS}`);
    }
  } finally {
    await bridge.terminate();
  }
  const direct = median(perRun.direct);
  const note = `median of ${ROUNDS} interleaved rounds of ${RUNS} runs; heap +${ballast.length} MB`;
  const figure = (way: 'Node child' | 'MessagePort'): Figure => {
    const value = Math.round(median(perRun[way]) * 100) / 100;
    return {
      name: `engine CPU per ffprobe run, spawner over a ${way}`,
      value,
      unit: 'ms',
      baseline: { command: 'the engine forking itself per run', value: direct },
      ratio: Math.round((value / direct) * 100) / 100,
      target: { op: '<=', value: 0.5, of: 'ratio' },
      note,
    };
  };
  return [figure('Node child'), figure('MessagePort')];
}

/** The utility process's stand-in: the spawner script in a Node child, its ports bridged. */
const bridgeSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', workerData.source], {
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  env: workerData.env,
});
const ports = new Map();
let next = 1;
child.on('message', (bridge) => ports.get(bridge.port)?.postMessage(bridge.data));
parentPort.on('message', ({ port }) => {
  const id = next++;
  ports.set(id, port);
  child.send({ kind: 'open', port: id, message: { kind: 'connect' } });
  port.on('message', (data) => child.send({ kind: 'data', port: id, data }));
  port.on('close', () => { if (ports.delete(id) && child.connected) child.send({ kind: 'close', port: id }); });
});
`;
