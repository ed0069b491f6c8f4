// ESLint: type-aware rules everywhere, plus the house's import boundaries (see the README map).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forgeOnlyThroughAdapters = {
  group: ['@forge/*'],
  message: 'src/domain is pure: no @forge/* imports (pass data in, return decisions out).',
};
const noIo = [
  'fs',
  'node:fs',
  'http',
  'node:http',
  'https',
  'node:https',
  'child_process',
  'node:child_process',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.local/**',
      'dist/**',
      '**/.offline-bundle/**',
      'emulator/preview/dist/**',
      'test/fixtures/**/node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@forge/kvs'], message: 'Only repositories in src/storage touch KVS.' },
            { group: ['**/emulator/**'], message: 'The app never imports the emulator.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noIo.map((name) => ({ name, message: 'src/domain does no I/O.' })),
          patterns: [
            forgeOnlyThroughAdapters,
            {
              group: [
                '**/services/**',
                '**/clients/**',
                '**/storage/**',
                '**/entry/**',
                '**/frontend/**',
                '**/emulator/**',
              ],
              message: 'src/domain imports nothing outside itself and src/shared.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'src/domain does no I/O.' },
        { name: 'Date', message: 'src/domain takes time as an argument; do not read the clock here.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'src/domain is deterministic.' },
      ],
    },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**', '../src/*'], message: 'The emulator never imports the app.' }] },
      ],
    },
  },
);
