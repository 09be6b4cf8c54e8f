// Lint, with the import boundaries of ARCHITECTURE.md: shared/ imports nothing environment
// specific; renderer/ and electron/ never import each other; the core never imports Electron.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads'];

const boundary = (patterns) => ['error', { patterns: patterns.map(({ group, message }) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.node/**', 'tests/fixtures/cache/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': boundary([
        { group: ['electron', 'electron/*'], message: 'shared/ must not import Electron.' },
        { group: nodeBuiltins, message: 'shared/ must not import Node built-ins.' },
        { group: ['vue', 'vue-*', 'pinia', '@vue/*'], message: 'shared/ must not import Vue.' },
        { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from electron/ or renderer/.' },
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'fetch', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': boundary([
        { group: ['electron', 'electron/*'], message: 'The renderer talks to the core only through the API client.' },
        { group: nodeBuiltins, message: 'The renderer runs in a sandbox without Node.' },
        { group: ['**/electron/**'], message: 'renderer/ must not import from electron/.' },
      ]),
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': boundary([{ group: ['**/renderer/**'], message: 'electron/ must not import from renderer/.' }]),
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/db/**/*.ts', 'electron/cli/**/*.ts', 'electron/browser-host/**/*.ts', 'electron/security/**/*.ts'],
    rules: {
      'no-restricted-imports': boundary([
        { group: ['electron', 'electron/*'], message: 'Only electron/main.ts, preload.ts and electron-host/ may import Electron.' },
        { group: ['**/renderer/**'], message: 'electron/ must not import from renderer/.' },
      ]),
    },
  },
  {
    files: ['tests/**/*.ts', 'build/**/*.{ts,cjs,js}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Playwright fixtures that use no other fixture take an empty object pattern.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
