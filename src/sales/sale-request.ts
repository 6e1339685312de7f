import type { Discount } from '../core/sale-totals.ts';
import type { Tender } from '../core/tenders.ts';
import type { Approval } from './approval.service.ts';

/** POST /api/sales, as the register sends it (CONTRACT.md). Prices of product lines come from the catalog. */
export interface SaleRequest {
  id: string;
  registerId: string;
  lines: SaleRequestLine[];
  cartDiscount?: Discount | null | undefined;
  payments: Tender[];
  approval?: Approval | undefined;
}

export interface SaleRequestLine {
  id: string;
  variantId?: string | undefined;
  misc?: { description: string; priceMinor: number; taxRateBp: number } | undefined;
  quantity: number;
  discount?: Discount | null | undefined;
}
