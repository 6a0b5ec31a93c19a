import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/problem';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `load()` when `key` changes; with `pollMs`, again every `pollMs` while `poll(data)` says
 * so (a run in progress), so a page never needs a reload to show new data.
 */
export function useApi<T>(key: string | null, load: () => Promise<T>, options: { pollMs?: number; poll?: (data: T) => boolean } = {}): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  // Which request has answered: loading is derived, never set inside the effect.
  const [settled, setSettled] = useState<string>();
  const loadRef = useRef(load);
  const pollRef = useRef(options);
  useEffect(() => {
    loadRef.current = load;
    pollRef.current = options;
  });

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      try {
        const value = await loadRef.current();
        if (cancelled) return;
        setData(value);
        setError(undefined);
        const { pollMs, poll } = pollRef.current;
        if (pollMs && poll?.(value)) timer = setTimeout(() => void run(), pollMs);
      } catch (e) {
        if (!cancelled) setError(e as ApiError);
      } finally {
        if (!cancelled) setSettled(`${key}#${tick}`);
      }
    };
    void run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading: key !== null && settled !== `${key}#${tick}`, reload };
}
