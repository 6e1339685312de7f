/**
 * What a scanned code is. Asks the server; remembers every item it answered with (and every item
 * picked from a search), so that when the server cannot be reached an item this till has sold before
 * still scans, at the price it last had. Unknown and invalid codes are never guessed.
 */
import { ApiError, describeError, get, query } from '../api/client.ts';
import type { VariantView } from '../api/types.ts';

const KEY = 'tillsync.knownItems';
const MAX_REMEMBERED = 2000;

export type ScanLookup =
  | { ok: true; variant: VariantView; fromMemory: boolean }
  | { ok: false; message: string };

function readMemory(): Record<string, VariantView> {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, VariantView>) ?? {};
  } catch {
    return {};
  }
}

export function rememberItem(code: string | null, variant: VariantView): void {
  if (!code) return;
  const memory = readMemory();
  delete memory[code];
  memory[code] = variant;
  const codes = Object.keys(memory);
  for (const old of codes.slice(0, Math.max(0, codes.length - MAX_REMEMBERED))) delete memory[old];
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // Storage full: the till still sells while online.
  }
}

export async function lookupScannedCode(code: string): Promise<ScanLookup> {
  try {
    const variant = await get<VariantView>(`/api/catalog/lookup${query({ barcode: code })}`);
    rememberItem(code, variant);
    return { ok: true, variant, fromMemory: false };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'BARCODE_UNKNOWN') {
      return { ok: false, message: `Unknown barcode ${code}: nothing added.` };
    }
    if (error instanceof ApiError && error.code === 'BARCODE_INVALID') {
      return { ok: false, message: `Invalid barcode ${code} (${error.message}): nothing added.` };
    }
    const remembered = error instanceof ApiError && error.retryable ? readMemory()[code] : undefined;
    if (remembered) return { ok: true, variant: remembered, fromMemory: true };
    return { ok: false, message: `Could not look up ${code}: ${describeError(error)}. Nothing added.` };
  }
}
