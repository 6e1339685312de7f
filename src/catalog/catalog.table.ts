import type { Generated } from 'kysely';

export interface ProductTable {
  id: string;
  name: string;
  description: string | null;
  /** JSON array of option names, e.g. ["Colour","Size"]; [] for a product with one default variant. */
  option_names: string;
  /** VAT/sales-tax rate in basis points (2000 = 20%). */
  tax_rate_bp: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ProductVariantTable {
  id: string;
  product_id: string;
  /** "Red / M", or "Default" for a single-variant product. */
  title: string;
  /** JSON array of option values, in the order of the product's option names. */
  option_values: string;
  sku: string | null;
  /** The barcode as printed on the item (digits, or an internal code). */
  barcode: string | null;
  /**
   * The lookup and uniqueness key: GTIN-14 for every GTIN form (EAN-13, EAN-8, UPC-A, UPC-E
   * expanded), so a UPC-A and its EAN-13 are one item; `int:<code>` for an internal, non-GTIN code.
   */
  barcode_key: string | null;
  price_minor: number;
  cost_minor: number | null;
  low_stock_threshold: number | null;
  /** Display order within the product, from 0 (migration 0010). */
  position: Generated<number>;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface CatalogTables {
  products: ProductTable;
  product_variants: ProductVariantTable;
}
