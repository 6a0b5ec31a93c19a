import { decodeCursor, encodeCursor, pageLimit, type Page, type PageQueryDto } from '../http/pagination';

/**
 * Cursor pages over a list the service returns whole (SaaS apps, definitions, custom and target
 * fields: tens of entries). The API pages every list the same way, so clients need one loop; the
 * cursor is the key of the last entry served, so a page stays right when entries are added.
 */
export function pageOfAll<T>(items: readonly T[], keyOf: (item: T) => string, query: PageQueryDto): Page<T> {
  const after = decodeCursor(query.cursor, 1)?.[0];
  const limit = pageLimit(query);
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > String(after));
  const served = rest.slice(0, limit);
  const last = served[served.length - 1];
  return { data: served, next_cursor: rest.length > limit && last !== undefined ? encodeCursor([keyOf(last)]) : null };
}
