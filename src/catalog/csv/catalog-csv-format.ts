import { formatMinor } from '../../core/money.ts';
import type { VariantView } from '../catalog.repository.ts';

/**
 * The catalogue's CSV columns, one row per variant. Rows with the same product_name are variants of
 * one product; `option_names` and `option_values` are lists separated by `|` (a value may hold a
 * slash, "4/5 years"); money and the tax rate are decimals ("12.50", "20"); `variant_title` is
 * written for people and derived again from the option values on import.
 */
export const CATALOG_CSV_COLUMNS = [
  'product_name',
  'variant_title',
  'option_names',
  'option_values',
  'sku',
  'barcode',
  'internal_barcode',
  'price',
  'cost',
  'tax_rate_percent',
  'low_stock_threshold',
] as const;

export type CatalogCsvColumn = (typeof CATALOG_CSV_COLUMNS)[number];

export const LIST_SEPARATOR = '|';

export function splitList(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(LIST_SEPARATOR).map((part) => part.trim());
}

/** The CSV record of one variant, with its product's option names. */
export function toCsvRecord(
  variant: VariantView,
  optionNames: readonly string[],
): Record<CatalogCsvColumn, string> {
  return {
    product_name: variant.productName,
    variant_title: variant.title,
    option_names: optionNames.join(LIST_SEPARATOR),
    option_values: variant.optionValues.join(LIST_SEPARATOR),
    sku: variant.sku ?? '',
    barcode: variant.barcode ?? '',
    internal_barcode: variant.barcode !== null && variant.gtin === null ? 'true' : '',
    price: formatMinor(variant.priceMinor),
    cost: variant.costMinor === null ? '' : formatMinor(variant.costMinor),
    tax_rate_percent: formatMinor(variant.taxRateBp),
    low_stock_threshold: variant.lowStockThreshold === null ? '' : String(variant.lowStockThreshold),
  };
}
