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
    // Start-up: these load in tens of ms to over 100 ms each, and a short command (`dailies
    // info`, `ls`) never uses them. Only the lazy-loader modules may import their values,
    // and they are imported with import() on first use; elsewhere `import type` only. The
    // globs start with ** so that test/lint-fixtures/src/... is checked the same way.
    files: ['**/src/{engine,cli,shared}/**/*.{ts,tsx}'],
    ignores: [
      '**/src/engine/network/lazy-network-modules.ts',
      '**/src/engine/storage/s3-sdk-exports.ts',
      '**/src/engine/secrets/aws-ini-provider.ts',
      '**/src/engine/secrets/keyring-binding.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...['@aws-sdk/client-s3', '@aws-sdk/credential-provider-ini'].map((name) => ({
              name,
              allowTypeImports: true,
              message: 'Load the AWS SDK lazily: loadS3Sdk() / aws-ini-provider.ts (start-up).',
            })),
            ...[
              'undici',
              'https-proxy-agent',
              '@smithy/node-http-handler',
              'node:http',
              'node:https',
              'http',
              'https',
            ].map((name) => ({
              name,
              allowTypeImports: true,
              message: 'Load it lazily through loadNetworkModules() (start-up).',
            })),
            {
              name: '@napi-rs/keyring',
              allowTypeImports: true,
              message: 'Load the keychain binding lazily: keyring-binding.ts (start-up).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser.' }] },
      ],
      // Values come from the contract's own files: its index, api.ts and methods.ts build
      // every method's schemas at start-up, which the window never needs (types are free).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'shared/contract(/index|/api|/methods|/[a-z-]+-methods)?$',
              allowTypeImports: true,
              message:
                "Import the contract's own file (e.g. contract/errors), or `import type` from the index.",
            },
          ],
        },
      ],
    },
  },
);
