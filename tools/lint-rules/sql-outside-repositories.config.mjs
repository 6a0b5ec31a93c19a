/**
 * SQL_OUTSIDE_REPOSITORIES — SQL text belongs in a `*.repository.ts` (issue 16, "Typed
 * persistence"): services call typed repository functions; ordinary reads and writes go through
 * MikroORM entities, raw set-based SQL only where a hot path was measured, and then only there.
 *
 * Syntax, not types: it flags the calls that hand SQL text to the database —
 *   `em.execute(…)`, `this.em.execute(…)`, `x.fork().execute(…)`, `x.getConnection()…`,
 *   `executeBound(…)`, `x.getKnex()` (a domain object's own `execute`, e.g. a workflow block's,
 *   is not matched).
 * Outside its scope on purpose: migrations (DDL is their job), tests, and the persistence lib's
 * own infrastructure (the `executeBound` helper, the migration runner's `create schema`, the
 * health check's `select 1`).
 *
 * On for every app and lib (eslint.config.mjs). It sets `no-restricted-syntax` for these files:
 * merge selectors here if another block needs it.
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
      ...[
        // An EntityManager's or a connection's `execute` (a domain object's `execute`, e.g. a
        // workflow block's or a resilience policy's, is not SQL and is not matched).
        "CallExpression[callee.property.name='execute'][callee.object.name=/^(em|tx|trx)$/]",
        "CallExpression[callee.property.name='execute'][callee.object.property.name='em']",
        "CallExpression[callee.property.name='execute'][callee.object.callee.property.name=/^(fork|getConnection)$/]",
        "CallExpression[callee.name='executeBound']",
        "MemberExpression[property.name=/^(getKnex|getConnection)$/]",
      ].map((selector) => ({ selector, message })),
    ],
  },
};
