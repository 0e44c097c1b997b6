import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { SPAWNER_SOURCE } from './src/engine/media/spawner-script';

/**
 * Three builds into out/:
 * - main: the main process and the engine's utility process (ESM, Node target from the
 *   installed Electron), plus out/main/tool-spawner.cjs, the tool spawner's utility process:
 *   spawner-script.ts's source written out as it is (CommonJS, no imports to bundle). Dependencies stay external and ship in the asar's node_modules;
 *   native and optional ones (better-sqlite3, @napi-rs/keyring, ffmpeg-static,
 *   ffprobe-static) must, since they load .node files or binaries by path.
 * - preload: ONE CommonJS file, out/preload/index.cjs, with src/shared and zod bundled in:
 *   a sandboxed preload can require nothing but `electron`.
 * - renderer: src/renderer (index.html), React.
 */
const nativeAndOptional = ['better-sqlite3', '@napi-rs/keyring', 'ffmpeg-static', 'ffprobe-static'];

/** The same source the CLI's engine runs with `node -e`, as a file a utility process loads. */
const toolSpawnerFile: Plugin = {
  name: 'dailies-tool-spawner',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'tool-spawner.cjs', source: SPAWNER_SOURCE });
  },
};

export default defineConfig({
  main: {
    plugins: [toolSpawnerFile],
    build: {
      externalizeDeps: { include: nativeAndOptional },
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'engine-process': resolve(import.meta.dirname, 'src/main/engine-process.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          // One file: a sandboxed preload cannot load a second chunk.
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') },
      },
    },
  },
});
