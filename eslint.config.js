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

const pcscOnly = { name: 'pcsclite', message: 'Only main/cards/pcsc talks to PC/SC.' };

// The layers inside main (DESIGN.md): each may import only the layers below it. Cards,
// secrets and chain are leaves; sources resolves keys from cards and secrets for chain;
// cases persist and run steps; recovery coordinates the jobs; ipc and cli face the person.
const below = (folders) => folders.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]);
const mainLayers = [
  {
    files: ['main/chain/**'],
    forbidden: ['cards', 'secrets', 'sources', 'cases', 'recovery', 'ipc', 'cli', 'settings'],
    message: 'The chain layer imports nothing above it: no cards, secrets, sources, cases or jobs.',
  },
  {
    files: ['main/cards/**'],
    forbidden: ['chain', 'sources', 'cases', 'recovery', 'ipc', 'cli', 'settings'],
    message: 'The card layer imports nothing above it: no chain, sources, cases or jobs.',
  },
  {
    files: ['main/secrets/**'],
    forbidden: ['cards', 'chain', 'sources', 'cases', 'recovery', 'ipc', 'cli', 'settings'],
    message: 'The secrets layer imports nothing above it: no cards, chain, sources, cases or jobs.',
  },
  {
    files: ['main/sources/**'],
    forbidden: ['cases', 'recovery', 'ipc', 'cli'],
    message: 'Sources resolve keys for the layers above; they import no cases or jobs.',
  },
  {
    files: ['main/cases/**'],
    forbidden: ['cards', 'secrets', 'sources', 'recovery', 'ipc', 'cli'],
    message: 'Cases persist and run steps; they import no keys, sources or jobs above them.',
  },
  {
    files: ['main/recovery/**'],
    forbidden: ['ipc', 'cli'],
    message:
      'Recovery coordinates the jobs for the IPC table and the command line, not the reverse.',
  },
];

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
      'no-restricted-imports': ['error', { paths: [pcscOnly] }],
    },
  },
  ...mainLayers.map(({ files, forbidden, message }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [pcscOnly], patterns: [{ group: below(forbidden), message }] },
      ],
    },
  })),
  {
    files: ['main/settings.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [pcscOnly],
          patterns: [
            {
              group: ['**/cards/*/**'],
              message: 'Settings know no card family: card details stay behind the card layer.',
            },
          ],
        },
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
