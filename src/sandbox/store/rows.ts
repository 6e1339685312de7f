/** Row shapes of the sandbox tables (snake_case as stored). */
export interface ShopRow {
  id: number;
  domain: string;
  name: string;
  plan: string;
  api_secret: string;
  client_id: string;
  client_secret: string;
  currency: string;
  next_order_number: number;
  created_at: string;
}
export interface LocationRow {
  id: number;
  shop_id: number;
  name: string;
  level_key: number;
  created_at: string;
}
export interface ProductRow {
  id: number;
  shop_id: number;
  title: string;
  handle: string;
  status: string;
  vendor: string;
  product_type: string;
  tags: string;
  deleted: number;
  created_at: string;
  updated_at: string;
}
export interface VariantRow {
  id: number;
  shop_id: number;
  product_id: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: string;
  compare_at_price: string | null;
  taxable: number;
  inventory_policy: string;
  options: string;
  position: number;
  inventory_item_id: number;
  tracked: number;
  requires_shipping: number;
  created_at: string;
  updated_at: string;
}
export interface LevelRow {
  id: number;
  shop_id: number;
  item_id: number;
  location_id: number;
  active: number;
  created_at: string;
  updated_at: string;
}
export interface OrderRow {
  id: number;
  shop_id: number;
  number: number;
  email: string | null;
  note: string | null;
  test: number;
  financial_status: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
}
export interface LineItemRow {
  id: number;
  order_id: number;
  variant_id: number | null;
  title: string;
  sku: string | null;
  quantity: number;
  price_minor: number;
  stock_location_id: number | null;
  position: number;
}
