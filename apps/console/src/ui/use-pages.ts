import { useCallback, useEffect, useState } from 'react';
import { api, type Page } from '../api/client';
import type { ApiError } from '../api/problem';

/** A cursor-paged list: the first page for `path`, `more()` appends the next; `reload()` starts over. */
export function usePages<T>(path: string | null, pollMs?: number) {
  const [rows, setRows] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();
  const [settled, setSettled] = useState<string>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    api
      .get<Page<T>>(path)
      .then((page) => {
        if (cancelled) return;
        setRows(page.data);
        setCursor(page.next_cursor);
        setError(undefined);
      })
      .catch((e: ApiError) => !cancelled && setError(e))
      .finally(() => !cancelled && setSettled(`${path}#${tick}`));
    const timer = pollMs ? setTimeout(() => setTick((t) => t + 1), pollMs) : undefined;
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [path, tick, pollMs]);

  const more = useCallback(() => {
    if (!cursor || path === null) return;
    const sep = path.includes('?') ? '&' : '?';
    api
      .get<Page<T>>(`${path}${sep}cursor=${cursor}`)
      .then((page) => {
        setRows((r) => [...r, ...page.data]);
        setCursor(page.next_cursor);
      })
      .catch((e: ApiError) => setError(e));
  }, [cursor, path]);

  const loading = path !== null && settled !== `${path}#${tick}`;
  return { rows, error, loading, more: cursor ? more : undefined, reload: useCallback(() => setTick((t) => t + 1), []) };
}
