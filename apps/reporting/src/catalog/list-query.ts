import type { EntityManager } from '@mikro-orm/postgresql';
import { checkRule, compileToSql } from '@seatkeeper/rules';
import { ENTITY_DEFINITIONS, ruleCatalog, type EntityDefinition, type EntityName } from './entities';
import { ReportingErrorCode, ReportingException } from './reporting.exception';

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
}

export interface ListSpec {
  entity: EntityName;
  columns: string[];
  filters: (Record<string, unknown> | null | undefined)[];
  sort: SortSpec;
}

export interface CheckedList {
  entity: EntityDefinition;
  columns: string[];
  where: { sql: string; params: unknown[] };
  sort: SortSpec;
}

/**
 * Checks a list's columns, rules and sort against the entity's catalogue and compiles the rules
 * to SQL (libs/rules, the same meaning as in memory). `path` prefixes the error fields.
 */
export function checkList(spec: ListSpec, now: Date, path = ''): CheckedList {
  const entity = ENTITY_DEFINITIONS[spec.entity];
  const problems: { field: string; messages: string[] }[] = [];
  if (spec.columns.length === 0) problems.push({ field: `${path}columns`, messages: ['pick at least one column'] });
  spec.columns.forEach((c, i) => {
    if (!entity.fields[c]) problems.push({ field: `${path}columns.${i}`, messages: [`unknown column "${c}"; known: ${Object.keys(entity.fields).join(', ')}`] });
  });
  if (problems.length) throw new ReportingException(ReportingErrorCode.ColumnInvalid, `Unknown column for ${spec.entity}`, problems);
  if (!entity.fields[spec.sort.field]) {
    throw new ReportingException(ReportingErrorCode.SortInvalid, `Cannot sort ${spec.entity} by "${spec.sort.field}"`, [
      { field: `${path}sort.field`, messages: [`unknown field "${spec.sort.field}"`] },
    ]);
  }
  const catalog = ruleCatalog(entity);
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const rule of spec.filters) {
    if (!rule) continue;
    const checked = checkRule(rule, catalog);
    if (!checked.ok) {
      throw new ReportingException(
        ReportingErrorCode.RuleInvalid,
        'The filter is not a valid rule',
        checked.errors.map((e) => ({ field: `${path}filter${e.path ? `.${e.path}` : ''}`, messages: [e.message] })),
      );
    }
    const compiled = compileToSql(checked.rule, catalog, { now, placeholder: 'knex' });
    parts.push(compiled.sql);
    params.push(...compiled.params);
  }
  return { entity, columns: spec.columns, where: { sql: parts.length ? parts.join(' and ') : 'true', params }, sort: spec.sort };
}

type CursorValue = [string | number | boolean | null, string];

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor(cursor: string): CursorValue {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' && scalar(v[0])) {
      return v as CursorValue;
    }
  } catch {
    /* fall through */
  }
  throw new ReportingException(ReportingErrorCode.CursorInvalid, 'The cursor is not one this list handed out', [
    { field: 'cursor', messages: ['not a cursor of this list'] },
  ]);
}

/** A timestamp as the driver hands it (a Date or Postgres' text) → ISO 8601 UTC. */
export function isoOf(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/** A stored value as the API shows it: dates ISO, numerics as they are (decimal strings stay strings). */
export function outValue(v: unknown, type?: string): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || type === 'date') return isoOf(v as Date | string);
  return v;
}

/**
 * One keyset page, NULLs last in either direction. The non-NULL part is read as
 * `(c, key) > (cursor)` ordered by `(c, key)` — a plain range on an index over (c, key) — and,
 * once it runs out, the NULL part ordered by key. So a page costs the same however deep it is.
 */
export async function fetchPage(
  em: EntityManager,
  list: CheckedList,
  limit: number,
  cursor?: string,
): Promise<{ rows: Record<string, unknown>[]; nextCursor: string | null }> {
  const { entity, sort } = list;
  const field = entity.fields[sort.field];
  if (!field) throw new Error('unchecked sort');
  const c = `(${field.column})`;
  const k = entity.key;
  const dir = sort.direction === 'desc' ? 'desc' : 'asc';
  const cmp = dir === 'asc' ? '>' : '<';
  const after = cursor ? decodeCursor(cursor) : undefined;
  const select = list.columns.map((col, i) => `${(entity.fields[col] as { column: string }).column} as "c${i}"`).join(', ');
  // A date's sort value travels as text: microseconds survive the round trip through the cursor.
  const sortValue = field.type === 'date' ? `${c}::text` : c;
  const query = (where: string, params: unknown[], orderBy: string, n: number) =>
    em.execute<Record<string, unknown>[]>(
      `select ${select}, ${sortValue} as "__s", ${k}::text as "__k" from ${entity.from}
       where (${list.where.sql}) and ${where} order by ${orderBy} limit ?`,
      [...list.where.params, ...params, n],
    );
  let rows: Record<string, unknown>[] = [];
  const inNullPart = after !== undefined && after[0] === null;
  if (!inNullPart) {
    const [where, params] = after ? [`${c} is not null and (${c}, ${k}) ${cmp} (?, ?)`, [after[0], after[1]]] : [`${c} is not null`, []];
    rows = await query(where, params, `${c} ${dir}, ${k} ${dir}`, limit + 1);
  }
  if (rows.length <= limit && field.nullable !== false) {
    const [where, params] = inNullPart ? [`${c} is null and ${k} ${cmp} ?`, [after[1]]] : [`${c} is null`, []];
    rows = rows.concat(await query(where, params, `${k} ${dir}`, limit + 1 - rows.length));
  }
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    rows: page.map((r) => Object.fromEntries(list.columns.map((col, i) => [col, outValue(r[`c${i}`], entity.fields[col]?.type)]))),
    nextCursor: more && last ? encodeCursor([(last['__s'] as string | number | boolean | null) ?? null, String(last['__k'])]) : null,
  };
}

/** Rows matching the list, grouped by one of its fields (largest groups first, or by key). */
export async function groupCounts(
  em: EntityManager,
  list: CheckedList,
  groupField: string,
  order: 'count' | 'key',
  limit: number,
): Promise<{ key: string | null; count: number }[]> {
  const field = list.entity.fields[groupField];
  if (!field) throw new Error('unchecked group field');
  const g = `(${field.column})`;
  const orderBy = order === 'count' ? `count(*) desc, ${g} asc nulls last` : `${g} asc nulls last`;
  const rows = await em.execute<{ key: unknown; count: string }[]>(
    `select ${g} as key, count(*) as count from ${list.entity.from} where ${list.where.sql} group by ${g} order by ${orderBy} limit ?`,
    [...list.where.params, limit],
  );
  return rows.map((r) => ({ key: r.key === null ? null : String(outValue(r.key, field.type)), count: Number(r.count) }));
}

export async function countRows(em: EntityManager, list: CheckedList): Promise<number> {
  const rows = await em.execute<{ n: string }[]>(`select count(*) as n from ${list.entity.from} where ${list.where.sql}`, list.where.params);
  return Number(rows[0]?.n ?? 0);
}
