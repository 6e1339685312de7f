/** The shapes the HTTP API answers with (see the OpenAPI document at /api/docs). */

import type { VariantView } from '../../../src/catalog/catalog.repository.ts';
import type { Discount } from '../../../src/core/sale-totals.ts';
import type { TenderMethod } from '../../../src/core/tenders.ts';

// The server's own view types: the page reads exactly what the API answers with.
export type { ProductView } from '../../../src/catalog/catalog.repository.ts';
export type { SaleLineView, SaleView } from '../../../src/sales/sale-view.ts';
export type { StaffMember } from '../../../src/staff/staff.repository.ts';
export type { Discount, TenderMethod, VariantView };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Location {
  id: string;
  name: string;
  active: boolean;
}

export interface StockLevel {
  variantId: string;
  locationId: string;
  onHand: number;
  committed: number;
  available: number;
}

export interface StockMovement {
  id: string;
  variantId: string;
  locationId: string;
  locationName: string;
  onHandDelta: number;
  committedDelta: number;
  reason: string;
  note: string | null;
  sourceType: string | null;
  sourceId: string | null;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
}

export interface LowStockItem {
  variant: VariantView;
  locationId: string;
  onHand: number;
  committed: number;
  available: number;
  threshold: number;
}

export type MiscSaleRule = 'off' | 'on' | 'manager_pin';

export interface ShopSettings {
  shopName: string;
  address: string;
  currency: string;
  pricesIncludeTax: boolean;
  defaultTaxRateBp: number;
  miscSales: MiscSaleRule;
  miscSalesWhenShopifyConnected: MiscSaleRule;
  cashierMaxDiscountBp: number;
  returnApprovalOverMinor: number;
  receiptFooter: string;
  plan: 'free' | 'pro' | 'pay';
  shopifyConnected?: boolean;
}

export interface Register {
  id: string;
  name: string;
  locationId: string;
}

export interface Approval {
  staffId: string;
  pin: string;
}

export interface SaleLineInput {
  id: string;
  variantId?: string;
  misc?: { description: string; priceMinor: number; taxRateBp: number };
  quantity: number;
  discount?: Discount;
}

export interface SaleInput {
  id: string;
  registerId: string;
  lines: SaleLineInput[];
  cartDiscount?: Discount;
  payments: Array<{ method: TenderMethod; amountMinor: number }>;
  approval?: Approval;
}

export interface TaxBreakdownRow {
  rateBp: number;
  netMinor: number;
  taxMinor: number;
}

export interface ReturnView {
  id: string;
  saleId: string;
  lines: Array<{ saleLineId: string; quantity: number; restock: boolean }>;
  refundMinor: number;
  refunds: Array<{ method: TenderMethod; amountMinor: number }>;
}

export interface ParkedCart {
  id: string;
  registerId: string;
  label: string | null;
  cart: unknown;
  createdAt?: string;
  staffName?: string;
}

export interface CashUpPreview {
  registerId: string;
  since: string | null;
  takingsByMethod: Record<TenderMethod, number>;
  refundsByMethod: Record<TenderMethod, number>;
  expectedCashMinor: number;
  openingFloatMinor: number;
  salesCount: number;
}

export interface CashUpView extends CashUpPreview {
  id: string;
  number: number;
  countedCashMinor: number;
  differenceMinor: number;
  staffName: string;
  createdAt: string;
  note?: string | null;
}
