/**
 * Variables a child tool may see. ffmpeg/ffprobe need only to find libraries and a scratch
 * folder and to read text in the user's locale; everything else in the engine's environment
 * (the internal token, AWS keys, proxy passwords) stays with the engine.
 */
const kept = new Set([
  'PATH',
  'HOME',
  'USERPROFILE',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'LANGUAGE',
  'TZ',
  // Windows will not start some binaries without these.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  // Fonts for the filmstrip's text, and the dynamic loader for a bundled build's libraries.
  'FONTCONFIG_PATH',
  'FONTCONFIG_FILE',
  'LD_LIBRARY_PATH',
  'DYLD_LIBRARY_PATH',
]);

/** The environment a child tool is started with: the allow-listed subset of `env`. */
export function toolEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const upper = name.toUpperCase();
    if (kept.has(upper) || upper.startsWith('LC_')) out[name] = value;
  }
  return out;
}
