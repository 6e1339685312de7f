import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { requiredText } from '../shared/required-text.ts';
import type { MiscSalesPolicy, Plan, ShopSettingsTable } from './settings.table.ts';

/** The shop's settings as the API and the till see them. */
export interface ShopSettings {
  shopName: string;
  address: string;
  currency: string;
  pricesIncludeTax: boolean;
  defaultTaxRateBp: number;
  miscSales: MiscSalesPolicy;
  miscSalesWhenShopifyConnected: MiscSalesPolicy;
  cashierMaxDiscountBp: number;
  returnApprovalOverMinor: number;
  receiptFooter: string;
  plan: Plan;
  /** Read-only here: the Shopify integration sets it. */
  shopifyConnected: boolean;
}

export type ShopSettingsChanges = Partial<Omit<ShopSettings, 'shopifyConnected'>>;

function toShopSettings(row: Selectable<ShopSettingsTable>): ShopSettings {
  return {
    shopName: row.shop_name,
    address: row.address,
    currency: row.currency,
    pricesIncludeTax: row.prices_include_tax === 1,
    defaultTaxRateBp: row.default_tax_rate_bp,
    miscSales: row.misc_sales,
    miscSalesWhenShopifyConnected: row.misc_sales_when_shopify_connected,
    cashierMaxDiscountBp: row.cashier_max_discount_bp,
    returnApprovalOverMinor: row.return_approval_over_minor,
    receiptFooter: row.receipt_footer,
    plan: row.plan,
    shopifyConnected: row.shopify_connected_at !== null,
  };
}

export async function getShopSettings(db: Kysely<Database>): Promise<ShopSettings> {
  const row = await db.selectFrom('shop_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return toShopSettings(row);
}

export async function updateShopSettings(
  db: Kysely<Database>,
  changes: ShopSettingsChanges,
  now: string,
): Promise<ShopSettings> {
  const update: Updateable<ShopSettingsTable> = { updated_at: now };
  if (changes.shopName !== undefined) update.shop_name = requiredText(changes.shopName, 'shopName');
  if (changes.address !== undefined) update.address = changes.address;
  if (changes.currency !== undefined) update.currency = changes.currency;
  if (changes.pricesIncludeTax !== undefined) update.prices_include_tax = changes.pricesIncludeTax ? 1 : 0;
  if (changes.defaultTaxRateBp !== undefined) update.default_tax_rate_bp = changes.defaultTaxRateBp;
  if (changes.miscSales !== undefined) update.misc_sales = changes.miscSales;
  if (changes.miscSalesWhenShopifyConnected !== undefined) {
    update.misc_sales_when_shopify_connected = changes.miscSalesWhenShopifyConnected;
  }
  if (changes.cashierMaxDiscountBp !== undefined)
    update.cashier_max_discount_bp = changes.cashierMaxDiscountBp;
  if (changes.returnApprovalOverMinor !== undefined) {
    update.return_approval_over_minor = changes.returnApprovalOverMinor;
  }
  if (changes.receiptFooter !== undefined) update.receipt_footer = changes.receiptFooter;
  if (changes.plan !== undefined) update.plan = changes.plan;
  await db.updateTable('shop_settings').set(update).where('id', '=', 1).execute();
  return getShopSettings(db);
}
