/**
 * The register's offline queue in its simplest honest form. A sale is written here BEFORE it is sent,
 * and leaves only when the server has answered for it. The server is idempotent by sale id, so sending
 * the same sale again (after a timeout, a crash, a double press) records it once.
 */
import { ApiError, post } from '../api/client.ts';
import type { SaleInput, SaleView } from '../api/types.ts';

const KEY = 'tillsync.pendingSales';
const FIRST_ATTEMPT_GRACE_MS = 2000;

export interface PendingSale {
  sale: SaleInput;
  queuedAt: string;
  /** Set when the server refused it outright (not a network failure): a person must look. */
  rejected: string | null;
}

export function readPendingSales(): PendingSale[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as PendingSale[]) : [];
  } catch {
    return [];
  }
}

/** Fired on window whenever the queue changes, so the banner follows without being told. */
export const PENDING_CHANGED_EVENT = 'tillsync:pending-sales';

function writePendingSales(list: PendingSale[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
  window.dispatchEvent(new Event(PENDING_CHANGED_EVENT));
}

export function keepPendingSale(sale: SaleInput): void {
  const others = readPendingSales().filter((p) => p.sale.id !== sale.id);
  writePendingSales([...others, { sale, queuedAt: new Date().toISOString(), rejected: null }]);
}

export function dropPendingSale(saleId: string): void {
  writePendingSales(readPendingSales().filter((p) => p.sale.id !== saleId));
}

function markRejected(saleId: string, message: string): void {
  writePendingSales(readPendingSales().map((p) => (p.sale.id === saleId ? { ...p, rejected: message } : p)));
}

export type SendOutcome = { kind: 'recorded'; sale: SaleView } | { kind: 'queued'; error: ApiError };

/** Network trouble, or a session that ran out: the sale is fine, the moment was not. */
const isWorthRetrying = (error: unknown) =>
  error instanceof ApiError && (error.retryable || error.status === 401);

/**
 * Sends one sale. Recorded: gone from the queue. Network trouble: stays queued for the retry loop.
 * Refused by the server (validation, permission): removed and thrown, so the cart can be fixed.
 */
export async function sendSale(sale: SaleInput): Promise<SendOutcome> {
  keepPendingSale(sale);
  try {
    const recorded = await post<SaleView>('/api/sales', sale);
    dropPendingSale(sale.id);
    return { kind: 'recorded', sale: recorded };
  } catch (error) {
    if (isWorthRetrying(error)) return { kind: 'queued', error: error as ApiError };
    dropPendingSale(sale.id);
    throw error;
  }
}

/** One pass over the queue; returns the sales the server recorded this time. */
export async function retryPendingSales(): Promise<SaleView[]> {
  const recorded: SaleView[] = [];
  const now = Date.now();
  for (const pending of readPendingSales()) {
    // A sale queued a moment ago is still in its first request: leave it to that request.
    if (pending.rejected || now - Date.parse(pending.queuedAt) < FIRST_ATTEMPT_GRACE_MS) continue;
    try {
      recorded.push(await post<SaleView>('/api/sales', pending.sale));
      dropPendingSale(pending.sale.id);
    } catch (error) {
      if (isWorthRetrying(error)) break;
      markRejected(pending.sale.id, error instanceof Error ? error.message : String(error));
    }
  }
  return recorded;
}
