import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (update: T | ((current: T | undefined) => T)) => void;
}

/** Loads one thing for a screen; `key` changes start over (a newer answer always wins). */
export function useResource<T>(load: () => Promise<T>, key: unknown[]): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    latest.current().then(
      (value) => {
        if (current) {
          setDataState(value);
          setLoading(false);
        }
      },
      (e: unknown) => {
        if (current) {
          setError(e);
          setLoading(false);
        }
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback(
    (update: T | ((current: T | undefined) => T)) =>
      setDataState((current) => (typeof update === 'function' ? (update as (c: T | undefined) => T)(current) : update)),
    [],
  );
  return { data, error, loading, reload, setData };
}
