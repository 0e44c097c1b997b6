// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { clockRule } from './eslint-rules/clock.js';
import layering from './eslint-rules/layering.js';

/** The project's own rules: one-way imports, and time only through the engine's Clock. */
const dailies = { rules: { ...layering.rules, clock: clockRule } };

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'bench-results/**',
      'test/lint-fixtures/**',
      'src/engine/catalog/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { dailies },
    rules: {
      'dailies/layering': 'error',
      'dailies/clock': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
      // electron-vite's ESM shim adds top-level `require`, `__filename` and `__dirname` to
      // the bundled main chunks; declaring them again at module level breaks the app at load.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Program > VariableDeclaration > VariableDeclarator[id.name=/^(require|__filename|__dirname)$/]',
          message:
            'Name it something else (e.g. requireFromHere): the Electron bundle already declares it.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser.' }] },
      ],
    },
  },
);
