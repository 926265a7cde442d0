import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const frameworkAndDrivers = [
  '@nestjs/*',
  'mongoose',
  'mongodb',
  'bullmq',
  'ioredis',
  'amqplib',
  'amqp-connection-manager',
  'express',
];

// Node's built-in modules, with and without the `node:` prefix (`fs`, `node:fs`, `fs/promises`).
const nodeBuiltins = [...new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      '**/.cache/**',
      '**/.data/**',
      '**/coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Layers and scopes: every project is tagged scope:* and type:*.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: frameworkAndDrivers,
            },
            // What the dashboard and the SDK import: browser-safe libraries only.
            {
              sourceTag: 'runtime:browser',
              onlyDependOnLibsWithTags: ['runtime:browser'],
              bannedExternalImports: frameworkAndDrivers,
            },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:domain',
                'type:contracts',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:domain',
                'type:contracts',
                'type:util',
                'type:testing',
                // The dashboard's targeting playground sends with the SDK.
                'type:sdk',
              ],
            },
            // The SDK is published on its own: it may use the shapes' types, nothing else.
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:contracts'] },
            // End-to-end suites talk HTTP to the running system; they share only test helpers.
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:sdk'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:gateway',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'],
            },
            { sourceTag: 'scope:users', onlyDependOnLibsWithTags: ['scope:shared', 'scope:users'] },
            {
              sourceTag: 'scope:segments',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:segments'],
            },
            {
              sourceTag: 'scope:experiences',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:experiences'],
            },
            {
              sourceTag: 'scope:integrations',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:integrations'],
            },
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // The segment engine is pure: no framework, no database driver (its specs may use the driver).
    files: ['libs/shared/segment-engine/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: frameworkAndDrivers.map((group) => ({
            group: [group],
            message: 'The segment engine is a pure library.',
          })),
        },
      ],
    },
  },
  {
    // Browser-safe libraries (runtime:browser): the dashboard and the SDK bundle them.
    files: [
      'libs/shared/http-shapes/src/**/*.ts',
      'libs/shared/contracts/src/**/*.ts',
      'libs/sdk/src/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'A browser-safe library: no Node built-in modules.',
          })),
          patterns: frameworkAndDrivers.map((group) => ({
            group: [group],
            message: 'A browser-safe library: no framework, no driver.',
          })),
        },
      ],
    },
  },
  {
    // Production code of the testing library must not leak into apps' runtime bundles.
    files: ['apps/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', 'apps/e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@seg/testing', message: 'Test utilities are for specs only.' }] },
      ],
    },
  },
  {
    // One writer per document (architecture.md): only the users service writes profiles,
    // events, interactions summaries and the catalog. Its write paths live behind
    // `@seg/profile-store/writes`; nothing else may import them (nor reach into the
    // library's sources). Other services hand their changes to the users service.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['apps/users/**', 'libs/shared/profile-store/**', 'apps/dashboard/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@seg/profile-store/writes',
              message: 'Only the users service writes profiles: hand the change to it.',
            },
            {
              name: '@seg/profile-store',
              importNames: [
                'InboxRepository',
                'RejectedValueRepository',
                'EventCatalogRepository',
                'RetriedWrites',
              ],
              message: 'Only the users service writes the inbox, events and the catalog.',
            },
          ],
          patterns: [
            {
              group: ['**/profile-store/src/**'],
              message: 'Import the profile store through @seg/profile-store.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard runs in the browser: it takes the contracts' types only (their zod schemas
    // and errors stay on the server) and the rule language's constants from the engine.
    files: ['apps/dashboard/**/*.ts', 'apps/dashboard/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@seg/contracts',
              allowTypeImports: true,
              message: 'The dashboard imports only types from the contracts.',
            },
          ],
          patterns: frameworkAndDrivers.map((group) => ({
            group: [group],
            message: 'The dashboard runs in the browser.',
          })),
        },
      ],
    },
  },
);
