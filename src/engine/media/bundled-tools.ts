import { createRequire } from 'node:module';
import type { ToolName } from './locate-tools';

// Not named `require`: electron-vite's ESM shim declares a top-level `require` in the
// bundled main/engine-process chunk, and a second one is a SyntaxError at load time.
const requireFromHere = createRequire(import.meta.url);

/**
 * Paths of the binaries shipped by the optional ffmpeg-static / ffprobe-static packages, or
 * null where they did not install (their download is blocked on some networks). Inside a
 * packaged app the binaries live in app.asar.unpacked, since nothing runs from an asar.
 */
export function bundledToolPath(name: ToolName): string | null {
  try {
    const loaded: unknown = requireFromHere(name === 'ffmpeg' ? 'ffmpeg-static' : 'ffprobe-static');
    const file =
      typeof loaded === 'string'
        ? loaded
        : typeof loaded === 'object' && loaded !== null && 'path' in loaded
          ? String(loaded.path)
          : null;
    return file ? file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1') : null;
  } catch {
    return null;
  }
}
