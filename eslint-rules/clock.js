// @ts-check
/**
 * The engine reads time and chance only through its one Clock (src/engine/time/clock.ts),
 * which createEngine makes and hands to every service: a service that calls `Date.now()`,
 * `new Date()` or `Math.random()` by itself escapes a test's frozen or driven clock, and a
 * stamp, a backoff or a measured rate then depends on the wall clock. Only the time part
 * reads the system clock. `new Date(x)` (a given instant) and `Date.parse` are fine.
 *
 * Files are placed by their path relative to the lint root, as in layering.js, so the
 * fixtures under test/lint-fixtures/src/engine are checked like the real engine.
 */
import { enginePartOf } from './layering.js';

/** @param {import('estree').Node} node @param {string} object @param {string} property */
function isMember(node, object, property) {
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.object.type === 'Identifier' &&
    node.object.name === object &&
    node.property.type === 'Identifier' &&
    node.property.name === property
  );
}

/** @type {import('eslint').Rule.RuleModule} */
export const clockRule = {
  meta: {
    type: 'problem',
    docs: { description: 'The engine tells time only through its injected Clock.' },
    schema: [],
    messages: {
      systemClock:
        '{{what}} reads the system clock: take the engine Clock as a dependency (clock.{{use}}) ' +
        'so tests can freeze or drive time. Only src/engine/time reads it.',
    },
  },
  create(context) {
    const part = enginePartOf(context.filename, context.cwd);
    if (part === null || part === 'time') return {};
    /** @param {import('estree').Node} node @param {string} what @param {string} use */
    const report = (node, what, use) =>
      context.report({ node, messageId: 'systemClock', data: { what, use } });
    return {
      // `Date.now()`, and `Date.now` handed on as a function.
      MemberExpression: (node) => {
        if (isMember(node, 'Date', 'now')) report(node, 'Date.now', 'now()');
        else if (isMember(node, 'Math', 'random')) report(node, 'Math.random', 'random()');
      },
      // `new Date()` is now; `new Date(x)` is a given instant.
      NewExpression: (node) => {
        if (
          node.callee.type === 'Identifier' &&
          node.callee.name === 'Date' &&
          node.arguments.length === 0
        )
          report(node, 'new Date()', 'now()');
      },
      // `Date()` without `new` is now as a string.
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'Date')
          report(node, 'Date()', 'now()');
      },
    };
  },
};

export default { rules: { clock: clockRule } };
