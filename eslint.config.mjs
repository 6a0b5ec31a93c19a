import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import seatkeeper from './tools/lint-rules/index.mjs';
import { sqlOutsideRepositories } from './tools/lint-rules/sql-outside-repositories.config.mjs';

// Architecture as lint: two tag dimensions (type × scope) whose rules forbid, plus the habits
// that matter in message handlers (no floating promises) and tests (no focused tests).
const ORM_AND_TRANSPORT = ['@mikro-orm/*', 'nats', '@nats-io/*', 'pg', 'knex', '@nestjs/microservices', 'typeorm'];
const TEST_FILES = ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts'];

function boundaries({ tests }) {
  const testing = tests ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: false,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    depConstraints: [
      // type: what kind of thing may use what
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', ...testing], bannedExternalImports: ORM_AND_TRANSPORT },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', ...testing] },
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', ...testing] },
      // A connector may use the vendor-neutral connector kit (libs/connectors/kit), never another service's libs.
      { sourceTag: 'type:connector', onlyDependOnLibsWithTags: ['type:contracts', 'type:connector', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing'] },
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:domain', 'type:connector', ...testing] },
      { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:domain', 'type:connector', 'type:testing', 'type:tool'] },
      // scope: whose code it is — a service reaches shared code and its own, nothing of another service
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'] },
      { sourceTag: 'scope:credential-vault', onlyDependOnLibsWithTags: ['scope:shared', 'scope:credential-vault'] },
      { sourceTag: 'scope:integration-sync', onlyDependOnLibsWithTags: ['scope:shared', 'scope:integration-sync'] },
      { sourceTag: 'scope:mapping', onlyDependOnLibsWithTags: ['scope:shared', 'scope:mapping'] },
      { sourceTag: 'scope:workflow', onlyDependOnLibsWithTags: ['scope:shared', 'scope:workflow'] },
      { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:shared', 'scope:reporting'] },
      { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools', 'scope:integration-sync'] },
      // The console reaches the platform only through the gateway's public REST API: no service,
      // no platform lib, no ORM or transport; at most the shared contracts.
      {
        sourceTag: 'scope:console',
        onlyDependOnLibsWithTags: ['type:contracts'],
        bannedExternalImports: [...ORM_AND_TRANSPORT, '@nestjs/*', 'class-validator', 'class-transformer', 'node:*'],
      },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', 'tmp/**', '.seatkeeper/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ tests: false })] },
  },
  {
    // Tests (and only tests) may use the testing libs.
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ tests: true })] },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { seatkeeper },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'seatkeeper/no-focused-tests': 'error',
      'seatkeeper/gateway-routes-guarded': 'error',
    },
  },
  {
    files: TEST_FILES,
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The console (React API, run on Preact): the hooks rules, and type-only imports kept apart.
    files: ['apps/console/**/*.tsx', 'apps/console/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // Typed persistence: SQL is sent only from a *.repository.ts or a migration (issue 16).
  sqlOutsideRepositories,
];
