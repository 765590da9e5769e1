import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/model';

export interface Paged<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  update: (change: (items: T[]) => T[]) => void;
}

/**
 * A list read page by page with the API's cursors. `key` changes start over; a failed page keeps
 * what was loaded and can be tried again (loadMore).
 */
export function usePaged<T>(
  load: (cursor: string | null) => Promise<Page<T>>,
  key: unknown[],
  first?: () => Promise<Page<T>> | undefined,
): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const inFlight = useRef(false);
  const latest = useRef(load);
  latest.current = load;

  const fetchPage = useCallback((from: string | null, replace: boolean, prefetched?: Promise<Page<T>>) => {
    if (inFlight.current && !replace) return;
    const mine = ++generation.current;
    inFlight.current = true;
    setLoading(true);
    setError(undefined);
    (prefetched ?? latest.current(from)).then(
      (page) => {
        if (generation.current !== mine) return;
        inFlight.current = false;
        setItems((current) => (replace ? page.items : [...current, ...page.items]));
        setCursor(page.nextCursor);
        setHasMore(page.nextCursor !== null && page.nextCursor !== undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (generation.current !== mine) return;
        inFlight.current = false;
        setError(e);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => {
    setItems([]);
    setCursor(null);
    setHasMore(true);
    fetchPage(null, true, first?.());
    return () => {
      generation.current++;
      inFlight.current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, key);

  const loadMore = useCallback(() => {
    if (hasMore || error !== undefined) fetchPage(cursor, items.length === 0);
  }, [cursor, error, fetchPage, hasMore, items.length]);
  const reload = useCallback(() => fetchPage(null, true), [fetchPage]);
  const update = useCallback((change: (items: T[]) => T[]) => setItems(change), []);

  return { items, error, loading, hasMore, loadMore, reload, update };
}
