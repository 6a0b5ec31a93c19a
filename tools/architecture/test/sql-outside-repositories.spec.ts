import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const WORKSPACE = resolve(__dirname, '../../..');

interface Sample {
  file: string;
  code: string;
}

/** Lints each sample with the SQL_OUTSIDE_REPOSITORIES block alone (an ES module, so in a child node). */
function violations(samples: Sample[]): number[] {
  const script = `
    import { Linter } from 'eslint';
    import tseslint from 'typescript-eslint';
    import { sqlOutsideRepositories } from './tools/lint-rules/sql-outside-repositories.config.mjs';
    const linter = new Linter({ configType: 'flat', cwd: process.cwd() });
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, sqlOutsideRepositories];
    const samples = JSON.parse(process.argv[1]);
    console.log(JSON.stringify(samples.map((s) => linter.verify(s.code, config, s.file).length)));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(samples)], { cwd: WORKSPACE, encoding: 'utf8' });
  return JSON.parse(out) as number[];
}

describe('SQL_OUTSIDE_REPOSITORIES lint block', () => {
  it('flags SQL handed to the database outside a repository, and only there', () => {
    const sql = "await em.execute('select 1 from t where id = ?', [id]); await executeBound(em, 'select 1', []); em.getConnection().getKnex();";
    expect(
      violations([
        { file: 'apps/x/src/thing/thing.service.ts', code: sql },
        { file: 'libs/y/src/z.ts', code: 'await em.getConnection().execute(`select 1`);' },
        { file: 'apps/x/src/thing/thing.repository.ts', code: sql },
        { file: 'apps/x/src/migrations/Migration1.ts', code: sql },
        { file: 'apps/x/src/thing/thing.service.spec.ts', code: sql },
        { file: 'apps/x/test/thing.integration-spec.ts', code: sql },
        // Not SQL: a query builder's execution modes, a resilience policy, a domain object's own execute.
        { file: 'apps/x/src/thing/thing.service.ts', code: "await qb.execute('run'); await qb.execute(); await policy.execute(() => call()); await this.executor.execute(run);" },
      ]),
      // The first: em.execute, executeBound, getConnection and getKnex; the second: getConnection and its execute.
    ).toEqual([4, 2, 0, 0, 0, 0, 0]);
  });
});
