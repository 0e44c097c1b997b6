import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appInfoSchema } from '../src/shared/contract';
import { packageVersion } from '../src/engine/app/app-version';
import { createEngine } from '../src/engine/create-engine';

/**
 * The ffprobe/ffmpeg a fresh engine would use (settings, DAILIES_FFPROBE, bundled, PATH, as
 * MediaTools resolves them), asked of a real engine through app.info so a benchmark times the
 * very binary the product runs. Null when the engine finds none.
 */
export async function engineToolPath(name: 'ffprobe' | 'ffmpeg'): Promise<string | null> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dailies-bench-tools-'));
  const engine = createEngine({ dataDir, host: 'cli', version: packageVersion() });
  try {
    const result = await engine.dispatch('app.info', {});
    if (!result.ok) throw new Error(result.error.message);
    const status = appInfoSchema.parse(result.value)[name];
    return status.kind === 'found' ? status.tool.path : null;
  } finally {
    await engine.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
