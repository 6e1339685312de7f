import { useCallback, useEffect, useState } from 'react';
import type { SaleView } from '../api/types.ts';
import {
  PENDING_CHANGED_EVENT,
  type PendingSale,
  readPendingSales,
  retryPendingSales,
} from './pending-sales.ts';

const RETRY_EVERY_MS = 4000;

/**
 * Keeps trying the sales waiting on this till, every few seconds and at once when the browser says it
 * is back online. `onRecorded` hears each sale the server finally accepted.
 */
export function usePendingSales(onRecorded: (sale: SaleView) => void) {
  const [pending, setPending] = useState<PendingSale[]>(() => readPendingSales());
  const refresh = useCallback(() => setPending(readPendingSales()), []);
  useEffect(() => {
    window.addEventListener(PENDING_CHANGED_EVENT, refresh);
    return () => window.removeEventListener(PENDING_CHANGED_EVENT, refresh);
  }, [refresh]);

  useEffect(() => {
    let running = false;
    const attempt = async () => {
      if (running || readPendingSales().every((p) => p.rejected)) return;
      running = true;
      try {
        for (const sale of await retryPendingSales()) onRecorded(sale);
      } finally {
        running = false;
        refresh();
      }
    };
    const timer = setInterval(attempt, RETRY_EVERY_MS);
    window.addEventListener('online', attempt);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', attempt);
    };
  }, [onRecorded, refresh]);

  return { pending, refresh };
}
