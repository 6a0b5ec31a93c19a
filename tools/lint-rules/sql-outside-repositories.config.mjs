/**
 * SQL_OUTSIDE_REPOSITORIES — SQL text belongs in a `*.repository.ts` (issue 16, "Typed
 * persistence"): services call typed repository functions; ordinary reads and writes go through
 * MikroORM entities, raw set-based SQL only where a hot path was measured, and then only there.
 *
 * Syntax, not types: it flags the calls that hand SQL text to the database —
 *   `x.execute(…)` (an EntityManager or a connection; a query builder's `.execute()`,
 *   `.execute('run' | 'all' | 'get')` are allowed, and so is `.execute(() => …)`, e.g. a resilience
 *   policy), `executeBound(…)`, `x.getKnex()`.
 * Outside its scope on purpose: migrations (DDL is their job), tests, and the persistence lib's
 * own infrastructure (the `executeBound` helper, the migration runner's `create schema`, the
 * health check's `select 1`).
 *
 * Off by default (see eslint.config.mjs): turned on once every area has moved its SQL. To count
 * what is left: `SQL_OUTSIDE_REPOSITORIES=on npx eslint apps libs`.
 * It sets `no-restricted-syntax` for these files: merge selectors here if another block needs it.
 */
const message = 'SQL outside a *.repository.ts: call a typed repository function instead (issue 16, typed persistence).';

export const sqlOutsideRepositories = {
  name: 'seatkeeper/sql-outside-repositories',
  files: ['apps/**/src/**/*.ts', 'libs/**/src/**/*.ts'],
  ignores: [
    '**/*.repository.ts',
    '**/migrations/**',
    '**/*.spec.ts',
    '**/*.integration-spec.ts',
    '**/test/**',
    'libs/platform/persistence/src/execute-bound.ts',
    'libs/platform/persistence/src/migration-runner.ts',
    'libs/platform/persistence/src/persistence.module.ts',
  ],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector:
          "CallExpression[callee.type='MemberExpression'][callee.property.name='execute'][arguments.length>0]:not([arguments.0.value=/^(run|all|get)$/]):not([arguments.0.type=/FunctionExpression$/])",
        message,
      },
      { selector: "CallExpression[callee.name='executeBound']", message },
      { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='getKnex']", message },
    ],
  },
};
