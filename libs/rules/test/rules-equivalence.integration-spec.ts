/**
 * The promise of the rule language: `evaluate` in memory and `compileToSql` in Postgres give the
 * same answer. fast-check generates random catalogue-typed records (nulls, missing properties,
 * empty strings, LIKE wildcards, dates on the `now − N days` boundary) and random rules, inserts
 * the records into a table in a throw-away schema, runs the compiled WHERE and compares the ids
 * it selects with the ids `evaluate` accepts.
 *
 * Reproduce a failure with the seed (and path) fast-check prints: RULES_FC_SEED=<seed> npx jest …
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import {
  checkRule,
  compileToSql,
  Condition,
  evaluate,
  FieldCatalog,
  Rule,
} from '../src';

const DATABASE_URL =
  process.env['SK_TEST_DATABASE_URL'] ??
  process.env['DATABASE_URL'] ??
  'postgresql://postgres@127.0.0.1:5432/postgres';
const SEED = Number(process.env['RULES_FC_SEED'] ?? 20250615);
const NUM_RUNS = Number(process.env['RULES_FC_RUNS'] ?? 500);

const NOW = new Date('2025-06-15T12:00:00.000Z');
const DAY = 86_400_000;

const catalog: FieldCatalog = {
  name: { type: 'string', column: 'r.name' },
  code: { type: 'string', column: 'r."code"', nullable: false },
  'saasApp.name': { type: 'string', column: "r.saas_app_name || ''" }, // an expression, not a plain column
  score: { type: 'number', column: 'r.score' },
  seats: { type: 'number', column: 'r.seats', nullable: false },
  active: { type: 'boolean', column: 'r.active' },
  lastActivityAt: { type: 'date', column: 'r.last_activity_at' },
  createdAt: { type: 'date', column: 'r.created_at', nullable: false },
};

interface TestRecord {
  id: number;
  name?: string | null;
  code: string;
  saasApp?: { name?: string | null } | null;
  score?: number | null;
  seats: number;
  active?: boolean | null;
  lastActivityAt?: Date | null;
  createdAt: Date;
}

// ---- values: small pools, so that equalities and boundaries actually happen -----------------

const text = fc.oneof(
  fc.string({
    unit: fc.constantFrom('a', 'A', 'b', '%', '_', '\\', ' ', 'é'),
    maxLength: 3,
  }),
  fc.constantFrom('', 'PagerDuty', 'pagerduty', 'Pager', '50%', 'a_b', 'a\\b'),
);
const nonEmptyText = text.filter((s) => s !== '');
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 4, arbitrary: arb },
    fc.constant(null),
    fc.constant(undefined),
  );

const number = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0.5, 1.5, 2.5, -0),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);
const integer = fc.integer({ min: -3, max: 3 });

/** Instants near `now − N days` and near UTC midnights, ± 1 ms and ± 1 h. */
const instant = fc
  .tuple(
    fc.integer({ min: -2, max: 8 }),
    fc.boolean(),
    fc.constantFrom(0, 1, -1, 3_600_000, -3_600_000, 0, 0),
    fc.constantFrom(0, 0, 0, 365),
  )
  .map(([days, atMidnight, delta, extraDays]) => {
    const base = NOW.getTime() - (days + extraDays) * DAY;
    return new Date((atMidnight ? Math.floor(base / DAY) * DAY : base) + delta);
  });
/** A rule's date value: ISO with `Z`, with an offset, or a date-only string. */
const ruleDate = fc
  .tuple(instant, fc.constantFrom('z', 'offset', 'day'))
  .map(([d, form]) => {
    if (form === 'day') return d.toISOString().slice(0, 10);
    if (form === 'z') return d.toISOString();
    const shifted = new Date(d.getTime() + 2 * 3_600_000)
      .toISOString()
      .slice(0, 23);
    return `${shifted}+02:00`;
  });
const days = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constant(365));

const record = (id: number): fc.Arbitrary<TestRecord> =>
  fc.record({
    id: fc.constant(id),
    name: maybe(text),
    code: text,
    saasApp: fc.oneof(
      { weight: 4, arbitrary: fc.record({ name: maybe(text) }) },
      fc.constant(null),
      fc.constant(undefined),
    ),
    score: maybe(number),
    seats: integer,
    active: maybe(fc.boolean()),
    lastActivityAt: maybe(instant),
    createdAt: instant,
  });
const records = fc
  .integer({ min: 0, max: 12 })
  .chain((n) =>
    fc.tuple(...Array.from({ length: n }, (_, i) => record(i + 1))),
  );

// ---- rules ------------------------------------------------------------------------------------

const fieldsOf = (type: string) =>
  Object.keys(catalog).filter((f) => catalog[f].type === type);
const cond = (
  fields: string[],
  ops: Condition['op'][],
  value?: fc.Arbitrary<unknown>,
): fc.Arbitrary<Condition> =>
  fc
    .record({
      field: fc.constantFrom(...fields),
      op: fc.constantFrom(...ops),
      value: value ?? fc.constant(undefined),
    })
    .map((c) => (value ? c : { field: c.field, op: c.op }));
const empties: Condition['op'][] = ['is_empty', 'is_not_empty'];

const condition: fc.Arbitrary<Condition> = fc.oneof(
  cond(fieldsOf('string'), ['eq', 'neq'], text),
  cond(fieldsOf('string'), ['in', 'not_in'], fc.array(text, { maxLength: 3 })),
  cond(fieldsOf('string'), ['contains', 'starts_with'], nonEmptyText),
  cond(fieldsOf('number'), ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'], number),
  cond(
    fieldsOf('number'),
    ['in', 'not_in'],
    fc.array(number, { maxLength: 3 }),
  ),
  cond(fieldsOf('boolean'), ['eq', 'neq'], fc.boolean()),
  cond(fieldsOf('date'), ['before', 'after'], ruleDate),
  cond(fieldsOf('date'), ['more_than_days_ago', 'less_than_days_ago'], days),
  cond(Object.keys(catalog), empties),
);

/** Rules with groups nested at most `depth` levels. */
function ruleOfDepth(depth: number): fc.Arbitrary<Rule> {
  let arb: fc.Arbitrary<Rule> = condition;
  for (let d = 1; d <= depth; d++) {
    const inner = arb;
    arb = fc.oneof(
      { weight: 2, arbitrary: condition },
      {
        weight: 2,
        arbitrary: fc
          .array(inner, { maxLength: 3 })
          .map((all): Rule => ({ all })),
      },
      {
        weight: 2,
        arbitrary: fc
          .array(inner, { maxLength: 3 })
          .map((any): Rule => ({ any })),
      },
      { weight: 1, arbitrary: inner.map((not): Rule => ({ not })) },
    );
  }
  return arb;
}

// ---- database -----------------------------------------------------------------------------------

const schema = `rules_eq_${randomBytes(4).toString('hex')}`;
const table = `"${schema}".records`;
const client = new Client({ connectionString: DATABASE_URL });

beforeAll(async () => {
  await client.connect();
  // A session time zone far from UTC: rule dates must not depend on it.
  await client.query(`set time zone 'Pacific/Chatham'`);
  await client.query(`create schema "${schema}"`);
  await client.query(`
    create table ${table} (
      run integer not null,
      id integer not null,
      name text,
      code text not null,
      saas_app_name text,
      score double precision,
      seats integer not null,
      active boolean,
      last_activity_at timestamptz,
      created_at timestamptz not null,
      primary key (run, id)
    )`);
});

afterAll(async () => {
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

let runs = 0;

async function insert(rows: TestRecord[]): Promise<number> {
  const run = ++runs;
  if (rows.length === 0) return run;
  const params: unknown[] = [];
  const tuples = rows.map((r) => {
    const values = [
      run,
      r.id,
      r.name,
      r.code,
      r.saasApp?.name,
      r.score,
      r.seats,
      r.active,
      r.lastActivityAt,
      r.createdAt,
    ];
    const placeholders = values.map((v) => `$${params.push(v ?? null)}`);
    return `(${placeholders.join(', ')})`;
  });
  await client.query(
    `insert into ${table} (run, id, name, code, saas_app_name, score, seats, active, last_activity_at, created_at) values ${tuples.join(', ')}`,
    params,
  );
  return run;
}

/** Runs the compiled rule after `r.run = $1` (so `paramStart` = 2), in pg or knex placeholder style. */
async function selectIds(
  run: number,
  rule: Rule,
  style: 'pg' | 'knex',
): Promise<number[]> {
  const compiled = compileToSql(rule, catalog, {
    now: NOW,
    paramStart: 2,
    placeholder: style,
  });
  let n = 1;
  const sql =
    style === 'knex'
      ? compiled.sql.replace(/\?/g, () => `$${++n}`)
      : compiled.sql;
  const result = await client.query<{ id: number }>(
    `select r.id from ${table} r where r.run = $1 and ${sql} order by r.id`,
    [run, ...compiled.params],
  );
  return result.rows.map((row) => row.id);
}

describe('rules: evaluate ≡ compileToSql on Postgres', () => {
  it('selects exactly the records evaluate accepts, for random rules and records', async () => {
    let matched = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(
        records,
        ruleOfDepth(4),
        fc.constantFrom('pg' as const, 'knex' as const),
        async (rows, rule, style) => {
          const checked = checkRule(rule, catalog);
          if (!checked.ok)
            throw new Error(
              `generator produced an invalid rule: ${JSON.stringify(checked.errors)}`,
            );
          const run = await insert(rows);
          const expected = rows
            .filter((r) => evaluate(checked.rule, r, { now: NOW }))
            .map((r) => r.id);
          const actual = await selectIds(run, checked.rule, style);
          expect(actual).toEqual(expected);
          matched += expected.length;
          total += rows.length;
        },
      ),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    // Guard against a vacuous property: rules must select some records and reject others.
    expect(runs).toBeGreaterThanOrEqual(Math.min(300, NUM_RUNS));
    expect(matched).toBeGreaterThan(total * 0.1);
    expect(matched).toBeLessThan(total * 0.9);
  }, 180_000);

  it('agrees on one fixed population of 200 records for many more random rules', async () => {
    const population = fc.sample(
      fc.tuple(...Array.from({ length: 200 }, (_, i) => record(i + 1))),
      { seed: SEED, numRuns: 1 },
    )[0];
    const run = await insert(population);
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(ruleOfDepth(4), async (rule) => {
        const expected = population
          .filter((r) => evaluate(rule, r, { now: NOW }))
          .map((r) => r.id);
        expect(await selectIds(run, rule, 'pg')).toEqual(expected);
        if (expected.length > 0 && expected.length < population.length)
          selective++;
      }),
      { seed: SEED + 1, numRuns: NUM_RUNS * 2 },
    );
    expect(selective).toBeGreaterThan(NUM_RUNS / 2);
  }, 180_000);
});
