import type { CatalogTables } from '../catalog/catalog.table.ts';
import type { InventoryTables } from '../inventory/inventory.table.ts';
import type { RegisterTables } from '../registers/registers.table.ts';
import type { SalesTables } from '../sales/sales.table.ts';
import type { SettingsTables } from '../settings/settings.table.ts';
import type { ShopifyTables } from '../shopify/shopify.table.ts';
import type { StaffTables } from '../staff/staff.table.ts';

/**
 * The whole database as Kysely sees it: each domain folder owns its tables in `<area>.table.ts`
 * and adds its interface here.
 */
export interface Database
  extends StaffTables,
    CatalogTables,
    InventoryTables,
    SettingsTables,
    RegisterTables,
    SalesTables,
    ShopifyTables {}
