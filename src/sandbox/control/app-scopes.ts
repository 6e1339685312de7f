import type { SandboxDb } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';

/**
 * The access scopes the sandbox's app holds on a shop, read by `currentAppInstallation`. A shop
 * gets every scope tillsync asks for unless it was created with a narrower list — which is how a
 * test shows that a missing scope is named at connect time.
 */
export const DEFAULT_APP_SCOPES = [
  'read_products',
  'write_products',
  'read_inventory',
  'write_inventory',
  'read_locations',
  'read_orders',
  'write_orders',
  'read_merchant_managed_fulfillment_orders',
  'write_merchant_managed_fulfillment_orders',
] as const;

export function scopesOf(db: SandboxDb, shopId: number): string[] {
  const row = sql(db, 'SELECT scopes FROM app_scopes WHERE shop_id = ?').get(shopId) as
    | { scopes: string }
    | undefined;
  return row ? row.scopes.split(',').filter(Boolean) : [...DEFAULT_APP_SCOPES];
}

export function setScopes(db: SandboxDb, shopId: number, scopes: readonly string[]): void {
  sql(
    db,
    'INSERT INTO app_scopes (shop_id, scopes) VALUES (?, ?) ON CONFLICT (shop_id) DO UPDATE SET scopes = excluded.scopes',
  ).run(shopId, scopes.join(','));
}
