// One flat config for the whole workspace. Module boundaries follow the architecture in docs/style.md:
// workflows are deterministic and see only contracts and workflow-safe utilities; nothing depends on a service.
import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { noImportCycles } from './test/architecture/rules/import-cycles.mjs';

const sideEffectingPackages = [
  '@prisma/client',
  '@prisma/*',
  'prisma',
  'kafkajs',
  'express',
  'pg',
  'pino',
  'pino-http',
  'axios',
  'undici',
  'node-fetch',
  '@temporalio/worker',
  '@temporalio/client',
  '@temporalio/activity',
  '@temporalio/testing',
];

/**
 * Which tags may depend on which (docs/style.md). Two dimensions, both enforced: `type:*` says what kind of project
 * it is (contracts depend on contracts only, a workflow never on a service…), `scope:*` which part of the system it
 * belongs to — a service's scope sees the platform's, the shared contracts and its own, never another service's; case
 * scope may also use the dispute workflow's client. `testOnly` tags are added for test files, which may use the
 * harness (`type:test`) that production code never sees.
 */
function dependencyConstraints(testOnly) {
  const allow = (...tags) => [...tags, ...testOnly];
  const scope = (name, ...more) => ({
    sourceTag: `scope:${name}`,
    onlyDependOnLibsWithTags: allow(`scope:${name}`, 'scope:platform', 'scope:shared', ...more),
  });
  return [
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: allow('type:contracts') },
    {
      sourceTag: 'type:workflow',
      onlyDependOnLibsWithTags: allow('type:contracts'),
      ...(testOnly.length === 0 ? { bannedExternalImports: sideEffectingPackages } : {}),
    },
    // The workflow's client: Temporal's client SDK, the contracts and the problem types, never a service.
    { sourceTag: 'type:workflow-client', onlyDependOnLibsWithTags: allow('type:contracts', 'type:util') },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: allow('type:util', 'type:contracts') },
    {
      sourceTag: 'type:service',
      onlyDependOnLibsWithTags: allow('type:util', 'type:contracts', 'type:workflow-client'),
    },
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: allow('type:util', 'type:contracts', 'type:workflow', 'type:workflow-client'),
    },
    { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
    { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:test'] },
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: allow('scope:shared') },
    scope('platform'),
    scope('case', 'scope:dispute'),
    scope('agency'),
    scope('party'),
    scope('statistics'),
    scope('dispute'),
    // The web console sees only contracts and platform utilities; nothing may depend on it.
    {
      sourceTag: 'scope:console',
      onlyDependOnLibsWithTags: allow('scope:platform', 'scope:shared', 'type:util', 'type:contracts'),
    },
  ];
}

const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/src/testing/**/*.ts',
  'workflows/dispute/test/**/*.ts',
  'workflows/dispute/scripts/**/*.ts',
];

export default [
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '.data',
      '.nx',
      '**/src/generated',
      'coverage',
      '**/*.js',
      '**/*.cjs',
      // Generated from the services' OpenAPI documents (services/console/scripts/generate-api-types.ts).
      'services/console/src/web/common/api/*.d.ts',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', 'services/console/src/web/**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { gongzhi: { rules: { 'no-import-cycles': noImportCycles } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'gongzhi/no-import-cycles': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: dependencyConstraints([]),
        },
      ],
    },
  },
  {
    // Workflow code is replayed: no I/O, no clocks, no randomness except through the SDK.
    files: ['workflows/dispute/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({
            name,
            message: 'Workflow code must be deterministic: do I/O in an activity.',
          })),
          patterns: [
            { group: ['node:*'], message: 'Workflow code must be deterministic: do I/O in an activity.' },
            { group: sideEffectingPackages, message: 'Side-effecting package in workflow code: use an activity.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflows never read the environment: pass it in as input.' },
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
      ],
    },
  },
  {
    // Tests (and the workflow bundling script) drive code from outside: they may use the test harness, and in the
    // workflow project the worker, client and test packages that workflow code itself may never import.
    files: testFiles,
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
      '@nx/enforce-module-boundaries': ['error', { allow: [], depConstraints: dependencyConstraints(['type:test']) }],
    },
  },
  {
    // The browser tier checks the console's committed API types with the console's own renderer.
    files: ['test/browser/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: ['@gongzhi/console/api-types'], depConstraints: dependencyConstraints(['type:test']) },
      ],
    },
  },
  {
    // The deployment tests hold the Helm chart to each process's own config schema: the one import of apps' code a
    // library of the test harness makes, their config modules only.
    files: ['libs/testing/src/config-schemas.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [
            '@gongzhi/agency-service/config',
            '@gongzhi/case-service/config',
            '@gongzhi/console/config',
            '@gongzhi/dispute-worker/config',
            '@gongzhi/party-service/config',
            '@gongzhi/statistics-service/config',
          ],
          depConstraints: dependencyConstraints(['type:test']),
        },
      ],
    },
  },
  {
    // A focused test silently drops every other test of its file; a skipped one is a test that cannot fail. Neither
    // may land: a test that must wait belongs in an issue, not in the suite.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.privacy-spec.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[object.name=/^(it|test|describe)$/][property.name=/^(only|skip|todo|fixme)$/]',
          message: 'No focused, skipped or to-do tests on main.',
        },
        {
          selector: "MemberExpression[object.property.name='describe'][property.name=/^(only|skip|fixme)$/]",
          message: 'No focused or skipped test groups on main.',
        },
        {
          selector: 'CallExpression[callee.name=/^(fit|xit|fdescribe|xdescribe|xtest)$/]',
          message: 'No focused or skipped tests on main.',
        },
      ],
    },
  },
  prettier,
];
