import type { MiscSalesPolicy } from '../core/misc-sale-policy.ts';

export type { MiscSalesPolicy };
export type Plan = 'free' | 'pro' | 'pay';

/** One row (id = 1): the shop's own details and the till's rules. */
export interface ShopSettingsTable {
  id: number;
  shop_name: string;
  address: string;
  currency: string;
  prices_include_tax: number;
  default_tax_rate_bp: number;
  misc_sales: MiscSalesPolicy;
  misc_sales_when_shopify_connected: MiscSalesPolicy;
  cashier_max_discount_bp: number;
  return_approval_over_minor: number;
  receipt_footer: string;
  plan: Plan;
  /** Set by the Shopify integration when a store is connected; null while none is. */
  shopify_connected_at: string | null;
  updated_at: string;
}

export interface SettingsTables {
  shop_settings: ShopSettingsTable;
}
