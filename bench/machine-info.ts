import os from 'node:os';
import { runTool } from '../src/engine/media/run-tool';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  ffprobe: { path: string; version: string } | null;
}

/** What a reader needs to compare two result files: the machine and the tool versions. */
export async function machineInfo(ffprobePath: string | null): Promise<MachineInfo> {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${process.platform}-${process.arch} ${os.release()}`,
    node: process.versions.node,
    ffprobe: ffprobePath ? { path: ffprobePath, version: await toolVersion(ffprobePath) } : null,
  };
}

async function toolVersion(file: string): Promise<string> {
  try {
    const run = await runTool(file, ['-hide_banner', '-version'], { timeoutMs: 10_000 });
    return /version\s+(\S+)/.exec(run.stdout)?.[1] ?? 'unknown';
  } catch {
    return 'not runnable';
  }
}
