import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The renderer built for the web host (`npm run build:web`), served from the site root by
 * src/web. The Electron window's copy is built by electron.vite.config.ts from the same
 * sources. Everything lands in files, never inline, so the shared CSP holds.
 */
export default defineConfig({
  root: path.join(here, 'src/renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'out/renderer-web'),
    emptyOutDir: true,
    // Inlined assets would become data: URLs for fonts and styles the CSP does not allow.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
