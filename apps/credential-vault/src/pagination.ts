import { validationFailed } from './vault.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque cursors: the last id of a page (UUIDv7, so time-ordered), base64url-encoded. */
export function encodeCursor(lastId: string | undefined): string | null {
  return lastId ? Buffer.from(lastId, 'utf8').toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(id)) throw validationFailed([{ field: 'cursor', messages: ['cursor is not one this API returned'] }]);
  return id;
}

/** Fetch one more than asked: its presence says whether there is a next page. */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): { data: T[]; next_cursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, next_cursor: rows.length > limit ? encodeCursor(data[data.length - 1]?.id) : null };
}
