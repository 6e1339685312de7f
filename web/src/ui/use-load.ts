import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/client.ts';

/** Loads once (and again on `reload` or when `key` changes); errors become a message. */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for what `load` depends on
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (caught) {
      setError(describeError(caught));
    }
  }, [key]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, setData };
}
