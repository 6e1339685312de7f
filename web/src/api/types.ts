/** The shapes the HTTP API answers with (see the OpenAPI document at /api/docs). */

import type { VariantView } from '../../../src/catalog/catalog.repository.ts';
import type { Discount } from '../../../src/core/sale-totals.ts';
import type { TenderMethod } from '../../../src/core/tenders.ts';

// The server's own types: the page reads and sends exactly what the API defines.
export type { ProductView } from '../../../src/catalog/catalog.repository.ts';
export type { Location } from '../../../src/inventory/location.repository.ts';
export type { LowStockRow as LowStockItem } from '../../../src/inventory/low-stock.repository.ts';
export type { MovementView as StockMovement } from '../../../src/inventory/movement-view.ts';
export type { LevelView as StockLevel } from '../../../src/inventory/stock-levels.repository.ts';
export type { Register } from '../../../src/registers/registers.repository.ts';
export type { Approval } from '../../../src/sales/approval.service.ts';
export type { CashUpPreview, CashUpView } from '../../../src/sales/cash-ups.repository.ts';
export type { ParkedCart } from '../../../src/sales/parked-carts.repository.ts';
export type { ReturnView } from '../../../src/sales/returns.repository.ts';
export type {
  SaleRequest as SaleInput,
  SaleRequestLine as SaleLineInput,
} from '../../../src/sales/sale-request.ts';
export type { SaleLineView, SaleView } from '../../../src/sales/sale-view.ts';
export type { ShopSettings } from '../../../src/settings/settings.repository.ts';
export type { MiscSalesPolicy as MiscSaleRule } from '../../../src/settings/settings.table.ts';
export type { ProductBuffer, ShopifyLocation } from '../../../src/shopify/connection.routes.ts';
export type { StaffMember } from '../../../src/staff/staff.repository.ts';
export type { Discount, TenderMethod, VariantView };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
