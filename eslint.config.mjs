import nx from '@nx/eslint-plugin';
import seatkeeper from './tools/lint-rules/index.mjs';

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
      { sourceTag: 'type:connector', onlyDependOnLibsWithTags: ['type:contracts', ...testing] },
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
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', 'tmp/**', '.seatkeeper/**', 'coverage/**'] },
  {
    files: ['**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ tests: false })] },
  },
  {
    // Tests (and only tests) may use the testing libs.
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ tests: true })] },
  },
  {
    files: ['**/*.ts'],
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
];
