import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The process boundaries of DESIGN.md, enforced here rather than by convention:
// the renderer is a sandboxed web page and the preload a tiny bridge.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const rendererBoundary = {
  paths: [
    ...nodeBuiltins.map((name) => ({
      name,
      message: 'The renderer is a sandboxed web page: no Node built-ins.',
    })),
    { name: 'pcsclite', message: 'Only main/cards/pcsc talks to PC/SC.' },
    { name: 'electron', message: 'The renderer reaches main only through window.lifeboat.' },
  ],
  patterns: [
    {
      group: ['**/main', '**/main/**'],
      message: 'The renderer cannot import main-process code; use window.lifeboat.',
    },
    {
      group: ['**/preload/*', '!**/preload/api', '!**/preload/errors'],
      message: 'The renderer may import only the preload contract (api, errors).',
    },
  ],
};

const preloadBoundary = {
  patterns: [
    {
      regex: '^(?!electron$|\\./[\\w-]+$)',
      message: 'The preload imports only electron and the shared contract in preload/.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'pcsclite', message: 'Only main/cards/pcsc talks to PC/SC.' }] },
      ],
    },
  },
  {
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['main/cards/pcsc/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/**'],
    ignores: ['main/index.ts', 'main/window.ts', 'main/electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Electron glue lives in main/index.ts, main/window.ts and main/electron/.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', preloadBoundary] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererBoundary],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No Node globals in the renderer.' },
        { name: 'require', message: 'No Node globals in the renderer.' },
        { name: 'Buffer', message: 'No Node globals in the renderer.' },
      ],
    },
  },
);
