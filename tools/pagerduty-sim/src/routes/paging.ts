import { Errors, OFFSET_CAP_MESSAGE } from '../errors';

export interface OffsetPage {
  limit: number;
  offset: number;
  total: boolean;
}

/**
 * Classic offset pagination. `limit` defaults to 25 and is clamped to 100 (what go-pagerduty
 * documents as the upper bound); offset+limit above 10,000 is the documented 400.
 */
export function offsetPage(query: URLSearchParams, defaultLimit = 25, maxLimit = 100): OffsetPage {
  const rawLimit = query.get('limit');
  const rawOffset = query.get('offset');
  let limit = rawLimit === null || rawLimit === '' ? defaultLimit : Number.parseInt(rawLimit, 10);
  if (!Number.isFinite(limit) || limit < 1) limit = defaultLimit;
  limit = Math.min(limit, maxLimit);
  let offset = rawOffset === null || rawOffset === '' ? 0 : Number.parseInt(rawOffset, 10);
  if (!Number.isFinite(offset) || offset < 0) offset = 0;
  if (offset + limit > 10_000) throw Errors.argumentsError(OFFSET_CAP_MESSAGE);
  return { limit, offset, total: query.get('total') === 'true' };
}

/** Serialises a page with PagerDuty's key order: items, limit, offset, total, more. */
export function pageJson(key: string, items: string[], page: OffsetPage, more: boolean, total: number): string {
  return `{"${key}":[${items.join(',')}],"limit":${page.limit},"offset":${page.offset},"total":${page.total ? total : 'null'},"more":${more}}`;
}

/** Values of an exploded array parameter; accepts both `x[]=a&x[]=b` and a comma list in `x`. */
export function arrayParam(query: URLSearchParams, name: string): string[] {
  const values = [...query.getAll(`${name}[]`), ...query.getAll(name)];
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** Windows an iterable into one page without holding the rest of it. */
export function window<T>(items: Iterable<T>, page: OffsetPage): { rows: T[]; count: number } {
  const rows: T[] = [];
  let count = 0;
  for (const item of items) {
    if (count >= page.offset && rows.length < page.limit) rows.push(item);
    count++;
  }
  return { rows, count };
}
