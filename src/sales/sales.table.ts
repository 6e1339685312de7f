import type { TenderMethod } from '../core/tenders.ts';

/**
 * A sale as recorded by the server. `id` is the register's client-generated id (the idempotency key);
 * `request_hash` fingerprints the request so a replay of the same id with a different body is refused.
 */
export interface SaleTable {
  id: string;
  number: number;
  register_id: string;
  location_id: string;
  staff_id: string;
  prices_include_tax: number;
  /** The cart discount as the cashier entered it (JSON `Discount`), or null. */
  cart_discount: string | null;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
  change_minor: number;
  has_misc: number;
  /** Manager who approved a misc line or an over-limit discount, when one was needed. */
  approved_by: string | null;
  request_hash: string;
  created_at: string;
}

export interface SaleLineTable {
  id: string;
  sale_id: string;
  position: number;
  /** Null for a misc line: a typed description and price with no product behind it. */
  variant_id: string | null;
  description: string;
  sku: string | null;
  barcode: string | null;
  quantity: number;
  unit_price_minor: number;
  tax_rate_bp: number;
  /** The line discount as entered (JSON `Discount`), or null. */
  discount: string | null;
  gross_minor: number;
  line_discount_minor: number;
  cart_discount_minor: number;
  net_minor: number;
  tax_minor: number;
  total_minor: number;
  misc: number;
}

export interface SalePaymentTable {
  id: string;
  sale_id: string;
  position: number;
  method: TenderMethod;
  /** What was handed over; for cash the change is on the sale. */
  amount_minor: number;
}

/** Human numbers (sale 1042, Z report 17) where the database has no sequence (SQLite). */
export interface NumberCounterTable {
  name: string;
  value: number;
}

export interface SaleReturnTable {
  id: string;
  sale_id: string;
  staff_id: string;
  refund_minor: number;
  approved_by: string | null;
  request_hash: string;
  created_at: string;
}

export interface ReturnLineTable {
  id: string;
  return_id: string;
  sale_line_id: string;
  quantity: number;
  restock: number;
  refund_minor: number;
}

export interface ReturnRefundTable {
  id: string;
  return_id: string;
  method: TenderMethod;
  amount_minor: number;
}

export interface ParkedCartTable {
  id: string;
  register_id: string;
  staff_id: string;
  label: string | null;
  cart: string;
  created_at: string;
}

export interface CashUpTable {
  id: string;
  number: number;
  register_id: string;
  staff_id: string;
  /** The previous cash-up's time, or null for the register's first. */
  since: string | null;
  opening_float_minor: number;
  cash_takings_minor: number;
  card_takings_minor: number;
  cash_refunds_minor: number;
  card_refunds_minor: number;
  expected_cash_minor: number;
  counted_cash_minor: number;
  difference_minor: number;
  sales_count: number;
  note: string | null;
  created_at: string;
}

export interface SalesTables {
  sales: SaleTable;
  sale_lines: SaleLineTable;
  sale_payments: SalePaymentTable;
  number_counters: NumberCounterTable;
  sale_returns: SaleReturnTable;
  return_lines: ReturnLineTable;
  return_refunds: ReturnRefundTable;
  parked_carts: ParkedCartTable;
  cash_ups: CashUpTable;
}
