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

export type CursorValue = [string | number | boolean | null, string];

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorValue {
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
