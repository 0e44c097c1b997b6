// @ts-check
/**
 * Enforces the one-way imports of ARCHITECTURE.md: shared <- engine <- main | web | cli,
 * and renderer and preload import only shared. The built-in local stand-ins (an S3-compatible
 * store and the platform, for the demo and the tests) import only shared, and nothing of the
 * product imports them but the demo (which the command line runs as `dailies demo`): Dailies
 * never depends on its own test doubles. A file's layer is the folder after `src/`
 * in its path (relative to the lint root, so a checkout that itself lives under some
 * `src/engine/` is not misread); an import's layer is where its resolved path lands, or
 * "electron".
 *
 * Paths are compared with forward slashes whatever the platform, so a Windows file name or
 * a specifier written with backslashes (`require('..\\main\\x')`) cannot slip through.
 */
import path from 'node:path';

export const LAYERS = [
  'shared',
  'engine',
  'main',
  'preload',
  'renderer',
  'web',
  'cli',
  'stand-ins',
  'demo',
];
const LAYER_IN_PATH = new RegExp(`(?:^|/)src/(${LAYERS.join('|')})(?:/|$)`);

/** Which layers (and "electron") each layer may import. npm packages are not ours. */
export const allowedImports = {
  shared: ['shared'],
  engine: ['shared', 'engine'],
  main: ['shared', 'engine', 'main', 'electron'],
  web: ['shared', 'engine', 'web'],
  cli: ['shared', 'engine', 'cli', 'demo'],
  preload: ['shared', 'preload', 'electron'],
  renderer: ['shared', 'renderer'],
  'stand-ins': ['shared', 'stand-ins'],
  demo: ['shared', 'engine', 'web', 'stand-ins', 'demo'],
};

/**
 * The engine's own parts, lowest first. A part imports only parts of lower levels: so time and
 * logging never reach up into sync, and two parts of one level stay independent (the platform
 * client knows nothing of the uploader). Files directly in src/engine compose everything.
 */
export const ENGINE_LEVELS = [
  ['events', 'logging', 'time', 'network'],
  ['catalog', 'media', 'secrets', 'rpc'],
  ['ingest', 'jobs', 'platform', 'storage', 'settings', 'app'],
  ['analysis', 'sync', 'profiles', 'tmdb'],
  ['compose'],
  ['(root)'],
];
const ENGINE_SUBPATH = /(?:^|\/)src\/engine\/(.*)$/;

/**
 * The engine part of a path inside src/engine: its first folder, or "(root)" for a file
 * directly in src/engine; null outside the engine.
 * @param {string} file
 * @param {string} [root]
 * @returns {string | null}
 */
export function enginePartOf(file, root = '') {
  let rel = path.posix.normalize(slashes(file));
  const base = root ? path.posix.normalize(slashes(root)).replace(/\/?$/, '/') : '';
  if (base && rel.toLowerCase().startsWith(base.toLowerCase())) rel = rel.slice(base.length);
  const sub = ENGINE_SUBPATH.exec(rel)?.[1];
  if (sub === undefined) return null;
  const first = sub.split('/');
  return first.length > 1 ? (first[0] ?? null) : '(root)';
}

/** @param {string} part @returns {number} -1 for a part not listed (reported as such). */
export const engineLevelOf = (part) => ENGINE_LEVELS.findIndex((level) => level.includes(part));

/** @param {string} p */
const slashes = (p) => p.replaceAll('\\', '/');

/** @param {string} p */
const isAbsolute = (p) => p.startsWith('/') || /^[A-Za-z]:\//.test(p);

/**
 * The layer a file belongs to, or null outside src/<layer>.
 * @param {string} file
 * @param {string} [root]
 * @returns {string | null}
 */
export function layerOf(file, root = '') {
  let rel = path.posix.normalize(slashes(file));
  const base = root ? path.posix.normalize(slashes(root)).replace(/\/?$/, '/') : '';
  // Windows paths differ in drive-letter case between tools; compare case-insensitively.
  if (base && rel.toLowerCase().startsWith(base.toLowerCase())) rel = rel.slice(base.length);
  const match = LAYER_IN_PATH.exec(rel);
  return match?.[1] ?? null;
}

/**
 * The layer an import specifier points at: "electron", one of ours, or null for an npm
 * package, a Node built-in or a file outside the layers.
 * @param {string} source
 * @param {string} fromFile
 * @param {string} [root]
 * @returns {string | null}
 */
export function targetLayer(source, fromFile, root = '') {
  if (source === 'electron' || source.startsWith('electron/')) return 'electron';
  const spec = slashes(source);
  if (!spec.startsWith('.') && !isAbsolute(spec)) return null;
  const resolved = isAbsolute(spec)
    ? path.posix.normalize(spec)
    : path.posix.join(path.posix.dirname(slashes(fromFile)), spec);
  return layerOf(resolved, root);
}

/**
 * The string a module specifier node holds, if it is static: a literal, or a template
 * literal without expressions (`import(\`../engine/x\`)`).
 * @param {any} node
 * @returns {string | null}
 */
function staticString(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? null;
  // typescript-eslint wraps the argument of a type-position import('x') in a TSLiteralType.
  if (node.type === 'TSLiteralType') return staticString(node.literal);
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point one way: shared <- engine <- main | web | cli.' },
    messages: {
      forbidden:
        '{{from}} may not import {{to}} ("{{source}}"). Allowed from {{from}}: {{allowed}}. See ARCHITECTURE.md.',
      engineOrder:
        'engine/{{from}} may not import engine/{{to}} ("{{source}}"): a part of the engine imports only parts below it ({{order}}). See src/engine/README.md.',
      enginePartUnknown:
        "engine/{{part}} is not in the engine's order of parts: add it to ENGINE_LEVELS (eslint-rules/layering.js) and src/engine/README.md.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const from = layerOf(file, root);
    if (!from) return {};
    const allowed = allowedImports[/** @type {keyof typeof allowedImports} */ (from)];
    /** @param {any} node @param {any} specifier */
    const check = (node, specifier) => {
      const value = staticString(specifier);
      if (value === null) return;
      const to = targetLayer(value, file, root);
      if (to === 'engine' && from === 'engine') return checkEngineOrder(node, value);
      if (to === null || allowed.includes(to)) return;
      context.report({
        node,
        messageId: 'forbidden',
        data: { from, to, source: value, allowed: allowed.join(', ') },
      });
    };
    const fromPart = from === 'engine' ? enginePartOf(file, root) : null;
    /** @param {any} node @param {string} value */
    const checkEngineOrder = (node, value) => {
      const spec = slashes(value);
      const target = isAbsolute(spec)
        ? path.posix.normalize(spec)
        : path.posix.join(path.posix.dirname(slashes(file)), spec);
      const toPart = enginePartOf(target, root);
      if (fromPart === null || toPart === null || toPart === fromPart) return;
      const fromLevel = engineLevelOf(fromPart);
      const toLevel = engineLevelOf(toPart);
      if (fromLevel === -1 || toLevel === -1) {
        context.report({
          node,
          messageId: 'enginePartUnknown',
          data: { part: fromLevel === -1 ? fromPart : toPart },
        });
        return;
      }
      if (toLevel < fromLevel) return;
      context.report({
        node,
        messageId: 'engineOrder',
        data: {
          from: fromPart,
          to: toPart,
          source: value,
          order: ENGINE_LEVELS.map((level) => level.join(' ')).join(' <- '),
        },
      });
    };
    /** @type {Record<string, (node: any) => void>} */
    const visitors = {
      // `import`, `import type`, side-effect imports.
      ImportDeclaration: (node) => check(node, node.source),
      // `export { x } from`, `export type { T } from`.
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      // `export * from`, `export * as ns from`.
      ExportAllDeclaration: (node) => check(node, node.source),
      // `import('x')`, also with a plain template literal.
      ImportExpression: (node) => check(node, node.source),
      // `require('x')` and `require.resolve('x')`.
      CallExpression: (node) => {
        const callee = node.callee;
        const isRequire =
          (callee.type === 'Identifier' && callee.name === 'require') ||
          (callee.type === 'MemberExpression' &&
            callee.object.type === 'Identifier' &&
            callee.object.name === 'require' &&
            callee.property.type === 'Identifier' &&
            callee.property.name === 'resolve');
        if (isRequire) check(node, node.arguments[0]);
      },
      // TypeScript: `import x = require('x')`.
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node, node.moduleReference.expression),
      // TypeScript: a type from `import('x').T`, which needs no import statement at all.
      // Newer typescript-eslint names the specifier `source`; older ones only `argument`.
      TSImportType: (node) => check(node, node.source ?? node.argument),
    };
    return visitors;
  },
};

export default { rules: { layering: layeringRule } };
