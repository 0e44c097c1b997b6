// @ts-check
/**
 * Enforces the one-way imports of ARCHITECTURE.md: shared <- engine <- main | web | cli,
 * and renderer and preload import only shared. A file's layer is the folder after `src/`
 * in its path; an import's layer is where its resolved path lands, or "electron".
 */
import path from 'node:path';

const LAYERS = ['shared', 'engine', 'main', 'preload', 'renderer', 'web', 'cli'];
const LAYER_IN_PATH = new RegExp(`(?:^|[\\\\/])src[\\\\/](${LAYERS.join('|')})(?:[\\\\/]|$)`);

/** Which layers (and "electron") each layer may import. npm packages are not ours. */
export const allowedImports = {
  shared: ['shared'],
  engine: ['shared', 'engine'],
  main: ['shared', 'engine', 'main', 'electron'],
  web: ['shared', 'engine', 'web'],
  cli: ['shared', 'engine', 'cli'],
  preload: ['shared', 'preload', 'electron'],
  renderer: ['shared', 'renderer'],
};

/** @param {string} file */
function layerOf(file) {
  const match = LAYER_IN_PATH.exec(file);
  return match ? match[1] : null;
}

/** @param {string} source @param {string} fromFile */
function targetLayer(source, fromFile) {
  if (source === 'electron' || source.startsWith('electron/')) return 'electron';
  if (!source.startsWith('.') && !path.isAbsolute(source)) return null;
  return layerOf(path.resolve(path.dirname(fromFile), source));
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point one way: shared <- engine <- main | web | cli.' },
    messages: {
      forbidden:
        '{{from}} may not import {{to}} ("{{source}}"). Allowed from {{from}}: {{allowed}}. See ARCHITECTURE.md.',
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from) return {};
    const allowed = allowedImports[/** @type {keyof typeof allowedImports} */ (from)];
    /** @param {import('estree').Node} node @param {unknown} value */
    const check = (node, value) => {
      if (typeof value !== 'string') return;
      const to = targetLayer(value, file);
      if (to === null || allowed.includes(to)) return;
      context.report({
        node,
        messageId: 'forbidden',
        data: { from, to, source: value, allowed: allowed.join(', ') },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return;
        const [first] = node.arguments;
        if (first && first.type === 'Literal') check(node, first.value);
      },
    };
  },
};

export default { rules: { layering: layeringRule } };
