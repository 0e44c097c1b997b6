import { createRequire } from 'node:module';
import type { ToolName } from './locate-tools';

// Not named `require`: electron-vite's ESM shim declares a top-level `require` in the
// bundled main/engine-process chunk, and a second one is a SyntaxError at load time.
const requireFromHere = createRequire(import.meta.url);

/**
 * The bundled binary the engine may use: only when BOTH packages installed. ffprobe-static
 * ships its (old, 4.0.2) binary inside the package while ffmpeg-static downloads its own at
 * install time, so on a network that blocks the download the pair would be ffprobe 4.0 with
 * the system's ffmpeg 5.x. A probe and a thumbnail from one build is what an editor
 * expects, so a half-installed pair falls through to PATH for both.
 */
export function bundledToolPath(name: ToolName): string | null {
  const ffmpeg = installedBundledToolPath('ffmpeg');
  const ffprobe = installedBundledToolPath('ffprobe');
  if (!ffmpeg || !ffprobe) return null;
  return name === 'ffmpeg' ? ffmpeg : ffprobe;
}

/**
 * Path of the binary one optional package (ffmpeg-static / ffprobe-static) ships, or null
 * where it did not install. Inside a packaged app the binaries live in app.asar.unpacked,
 * since nothing runs from an asar.
 */
export function installedBundledToolPath(name: ToolName): string | null {
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
