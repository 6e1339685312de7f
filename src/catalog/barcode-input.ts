import { barcodeKeyFor, lookupKeysFor, normaliseBarcode } from '../core/gtin.ts';
import { invalid } from '../shared/app-error.ts';

export interface ResolvedBarcode {
  /** As printed, trimmed. */
  barcode: string;
  /** The stored lookup and uniqueness key (GTIN-14 or `int:<code>`). */
  key: string;
  /** Every key a scan of this code resolves to: a new item must not shadow any of them. */
  conflictKeys: string[];
}

const INTERNAL_CODE = /^[\x21-\x7e]{1,64}$/;

/**
 * Reads a barcode typed in the back office or a CSV: a GTIN (any form) unless the shop marked it
 * internal. A non-GTIN is refused unless marked, so a mistyped EAN never slips in as an internal code.
 */
export function resolveBarcodeInput(raw: string, internal: boolean, field: string): ResolvedBarcode {
  const barcode = raw.trim();
  if (internal) {
    if (!INTERNAL_CODE.test(barcode)) {
      throw invalid(
        'BARCODE_INVALID',
        `${field}: an internal code is 1 to 64 printable characters without spaces`,
        field,
      );
    }
  } else {
    const normalised = normaliseBarcode(barcode);
    if (!normalised.ok) {
      throw invalid(
        'BARCODE_INVALID',
        `${field}: ${normalised.message}; if it is the shop's own code, mark it internalBarcode: true`,
        field,
      );
    }
  }
  const key = barcodeKeyFor(barcode, internal)!;
  return { barcode, key, conflictKeys: [...new Set([key, ...lookupKeysFor(barcode)])] };
}
