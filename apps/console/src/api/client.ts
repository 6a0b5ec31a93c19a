import { ApiError, problemFrom } from './problem';

/** A cursor page, as every list route answers. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

type Listener = () => void;
let token: string | null = null;
const unauthorized = new Set<Listener>();

export function setApiToken(value: string | null): void {
  token = value;
}

/** Called when the gateway answers 401 (token revoked or expired): the app signs out. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorized.add(listener);
  return () => unauthorized.delete(listener);
}

export async function request<T>(method: string, path: string, body?: unknown, bearer: string | null = token): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (bearer) headers['authorization'] = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A POST carries an Idempotency-Key, so a retried click never creates twice.
  if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) {
    const error = await problemFrom(res);
    if (res.status === 401 && bearer === token) unauthorized.forEach((l) => l());
    throw error;
  }
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * A file the gateway streams (a report export): fetched with the bearer header, never with the
 * token in a URL, so it cannot be a plain link. The name is the one the gateway's
 * Content-Disposition gives.
 */
export async function fetchFile(path: string): Promise<{ blob: Blob; name: string }> {
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const error = await problemFrom(res);
    if (res.status === 401) unauthorized.forEach((l) => l());
    throw error;
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  return { blob: await res.blob(), name };
}

/** Every page of a list (for exports), up to `max` rows. */
export async function listAll<T>(path: string, max = 100_000): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api.get<Page<T>>(`${path}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && rows.length < max);
  return rows;
}

/** Query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export { ApiError };
