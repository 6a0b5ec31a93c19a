import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, outValue, type CheckedList } from './list-query';

export interface ListPage {
  rows: Record<string, unknown>[];
  nextCursor: string | null;
}

/**
 * The dynamic list SQL: columns, joins and filters come from the field catalogue (entities.ts)
 * and the rules compiled by checkList, so these statements are built, not written; every value
 * travels as a bind parameter. Reads only, each on its own fork of the EntityManager.
 */
@Injectable()
export class ListRepository {
  constructor(private readonly orm: MikroORM) {}

  /**
   * One keyset page, NULLs last in either direction. The non-NULL part is read as
   * `(c, key) > (cursor)` ordered by `(c, key)` — a plain range on an index over (c, key) — and,
   * once it runs out, the NULL part ordered by key. So a page costs the same however deep it is.
   */
  async page(list: CheckedList, limit: number, cursor?: string): Promise<ListPage> {
    const em = this.orm.em.fork();
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
  async groupCounts(list: CheckedList, groupField: string, order: 'count' | 'key', limit: number): Promise<{ key: string | null; count: number }[]> {
    const field = list.entity.fields[groupField];
    if (!field) throw new Error('unchecked group field');
    const g = `(${field.column})`;
    const orderBy = order === 'count' ? `count(*) desc, ${g} asc nulls last` : `${g} asc nulls last`;
    const rows = await this.orm.em.fork().execute<{ key: unknown; count: string }[]>(
      `select ${g} as key, count(*) as count from ${list.entity.from} where ${list.where.sql} group by ${g} order by ${orderBy} limit ?`,
      [...list.where.params, limit],
    );
    return rows.map((r) => ({ key: r.key === null ? null : String(outValue(r.key, field.type)), count: Number(r.count) }));
  }

  async count(list: CheckedList): Promise<number> {
    const rows = await this.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${list.entity.from} where ${list.where.sql}`, list.where.params);
    return Number(rows[0]?.n ?? 0);
  }
}
