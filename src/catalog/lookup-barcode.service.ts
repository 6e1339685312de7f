import type { Kysely } from 'kysely';
import { lookupKeysFor, normaliseBarcode } from '../core/gtin.ts';
import type { Database } from '../db/schema.ts';
import { invalid, notFound } from '../shared/app-error.ts';
import { findVariantByBarcodeKeys, type VariantView } from './catalog.repository.ts';

/**
 * A scan at the till: one indexed query. A UPC-A finds the item saved as its EAN-13 (both are the
 * same GTIN-14). A code of GTIN length with a wrong check digit (and no internal item) is reported
 * as invalid rather than unknown, because it is most likely a misread or a typo.
 */
export async function lookupBarcode(db: Kysely<Database>, raw: string): Promise<VariantView> {
  const found = await findVariantByBarcodeKeys(db, lookupKeysFor(raw));
  if (found) return found;
  const code = raw.trim();
  if (/^([0-9]{8}|[0-9]{12,14})$/.test(code)) {
    const normalised = normaliseBarcode(code);
    if (!normalised.ok) throw invalid('BARCODE_INVALID', normalised.message, 'barcode');
  }
  throw notFound('BARCODE_UNKNOWN', `no item has barcode ${code}`);
}
