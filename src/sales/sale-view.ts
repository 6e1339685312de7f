import type { Selectable } from 'kysely';
import type { TenderMethod } from '../core/tenders.ts';
import type { SaleLineTable, SalePaymentTable, SaleTable } from './sales.table.ts';

/** A sale as the till, the receipt and the history page see it (CONTRACT.md SaleView). */
export interface SaleView {
  id: string;
  number: number;
  registerId: string;
  locationId: string;
  staffId: string;
  staffName: string;
  createdAt: string;
  pricesIncludeTax: boolean;
  lines: SaleLineView[];
  totals: {
    subtotalMinor: number;
    discountMinor: number;
    taxMinor: number;
    totalMinor: number;
    taxBreakdown: Array<{ rateBp: number; netMinor: number; taxMinor: number }>;
  };
  payments: Array<{ method: TenderMethod; amountMinor: number }>;
  changeMinor: number;
  hasMisc: boolean;
  shop: { name: string; address: string; receiptFooter: string };
}

export interface SaleLineView {
  id: string;
  variantId: string | null;
  description: string;
  sku: string | null;
  barcode: string | null;
  quantity: number;
  unitPriceMinor: number;
  taxRateBp: number;
  lineDiscountMinor: number;
  cartDiscountMinor: number;
  taxMinor: number;
  totalMinor: number;
  misc: boolean;
  returnedQuantity: number;
}

export interface SaleViewParts {
  sale: Selectable<SaleTable>;
  lines: Selectable<SaleLineTable>[];
  payments: Selectable<SalePaymentTable>[];
  staffName: string;
  returned: ReadonlyMap<string, number>;
  shop: { name: string; address: string; receiptFooter: string };
}

/** Maps stored rows to the view; the tax breakdown is re-summed from the stored line figures. */
export function toSaleView(parts: SaleViewParts): SaleView {
  const { sale } = parts;
  const lines = [...parts.lines].sort((a, b) => a.position - b.position);
  const byRate = new Map<number, { rateBp: number; netMinor: number; taxMinor: number }>();
  for (const line of lines) {
    const entry = byRate.get(line.tax_rate_bp) ?? { rateBp: line.tax_rate_bp, netMinor: 0, taxMinor: 0 };
    entry.netMinor += Number(line.net_minor);
    entry.taxMinor += Number(line.tax_minor);
    byRate.set(line.tax_rate_bp, entry);
  }
  return {
    id: sale.id,
    number: Number(sale.number),
    registerId: sale.register_id,
    locationId: sale.location_id,
    staffId: sale.staff_id,
    staffName: parts.staffName,
    createdAt: sale.created_at,
    pricesIncludeTax: sale.prices_include_tax === 1,
    lines: lines.map((line) => ({
      id: line.id,
      variantId: line.variant_id,
      description: line.description,
      sku: line.sku,
      barcode: line.barcode,
      quantity: line.quantity,
      unitPriceMinor: Number(line.unit_price_minor),
      taxRateBp: line.tax_rate_bp,
      lineDiscountMinor: Number(line.line_discount_minor),
      cartDiscountMinor: Number(line.cart_discount_minor),
      taxMinor: Number(line.tax_minor),
      totalMinor: Number(line.total_minor),
      misc: line.misc === 1,
      returnedQuantity: parts.returned.get(line.id) ?? 0,
    })),
    totals: {
      subtotalMinor: Number(sale.subtotal_minor),
      discountMinor: Number(sale.discount_minor),
      taxMinor: Number(sale.tax_minor),
      totalMinor: Number(sale.total_minor),
      taxBreakdown: [...byRate.values()].sort((a, b) => a.rateBp - b.rateBp),
    },
    payments: [...parts.payments]
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ method: p.method, amountMinor: Number(p.amount_minor) })),
    changeMinor: Number(sale.change_minor),
    hasMisc: sale.has_misc === 1,
    shop: parts.shop,
  };
}
