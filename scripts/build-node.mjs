// Bundles the Node hosts with esbuild: the CLI into out/cli/dailies.mjs and, when it exists,
// the web host into out/web/main.mjs. Pure-JS dependencies are bundled in; native and
// optional packages stay external and load from node_modules at run time.
//
// The CLI is split: dailies.mjs holds the command table and the parser, and every dynamic
// import() (a command's module, the engine) becomes a chunk beside it, loaded only when a
// command runs, so `dailies --help` starts without parsing the engine. The chunks sit in the
// same folder as dailies.mjs, so everything that resolves files relative to its own module
// (migrations, package.json, the web interface) finds them as before; the installer unpacks
// the whole folder (out/cli/**).
//
// The engine finds its drizzle migrations at ./catalog/migrations relative to its own module
// (createEngine's defaultMigrationsDir), which inside a bundle is the bundle's folder, so the
// migrations are copied there.
//
//   node scripts/build-node.mjs [--outdir DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outRoot = path.resolve(values.outdir ?? path.join(repoRoot, 'out'));
const migrations = path.join(repoRoot, 'src/engine/catalog/migrations');

/** Native addons, packages that ship binaries, and what only Electron provides. */
const external = [
  'better-sqlite3',
  '@napi-rs/keyring',
  'ffmpeg-static',
  'ffprobe-static',
  'electron',
];

/**
 * zod's `z.locales` holds its error messages in some 40 languages (half of zod's size). Dailies
 * speaks English and never selects another, so the bundles keep only `en`: every command that
 * validates input reads and compiles some 370 KB less at start-up.
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(args.resolveDir, args.path), namespace: 'zod-english' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const targets = [
  { entry: 'src/cli/main.ts', out: 'cli/dailies.mjs', executable: true, split: true },
  { entry: 'src/web/main.ts', out: 'web/main.mjs', executable: false, split: false },
];

for (const target of targets) {
  const entry = path.join(repoRoot, target.entry);
  if (!fs.existsSync(entry)) {
    console.log(`skip ${target.entry} (not present)`);
    continue;
  }
  const outfile = path.join(outRoot, target.out);
  const outdir = path.dirname(outfile);
  // Chunk names carry a content hash: start empty so no stale chunk is left beside new ones.
  if (target.split) fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    ...(target.split
      ? {
          entryPoints: { [path.basename(outfile, '.mjs')]: entry },
          outdir,
          splitting: true,
          outExtension: { '.js': '.mjs' },
          chunkNames: '[name]-[hash]',
        }
      : { entryPoints: [entry], outfile }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    plugins: [englishZodOnly],
    sourcemap: 'linked',
    logLevel: 'warning',
    // Bundled CommonJS code calls require() for Node built-ins; ESM has none, so give it one
    // (in every chunk). The CLI's `#!/usr/bin/env node` comes from src/cli/main.ts.
    banner: {
      js: [
        "import { createRequire as __dailiesCreateRequire } from 'node:module';",
        'const require = __dailiesCreateRequire(import.meta.url);',
      ].join('\n'),
    },
  });
  if (target.executable) fs.chmodSync(outfile, 0o755);
  const migrationsOut = path.join(path.dirname(outfile), 'catalog/migrations');
  fs.rmSync(migrationsOut, { recursive: true, force: true });
  fs.cpSync(migrations, migrationsOut, { recursive: true });
  console.log(`built ${path.relative(repoRoot, outfile)} (+ catalog/migrations)`);
}
