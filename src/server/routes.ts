import type { FastifyInstance } from 'fastify';
import { catalogRoutes } from '../catalog/catalog.routes.ts';
import { inventoryRoutes } from '../inventory/inventory.routes.ts';
import { registersRoutes } from '../registers/registers.routes.ts';
import { cashUpsRoutes } from '../sales/cash-ups.routes.ts';
import { parkedCartsRoutes } from '../sales/parked-carts.routes.ts';
import { reportsRoutes } from '../sales/reports.routes.ts';
import { returnsRoutes } from '../sales/returns.routes.ts';
import { salesRoutes } from '../sales/sales.routes.ts';
import { settingsRoutes } from '../settings/settings.routes.ts';
import { shopifyConnectionRoutes } from '../shopify/connection.routes.ts';
import { shopifyFirstSyncRoutes } from '../shopify/first-sync.routes.ts';
import { shopifySyncOpsRoutes } from '../shopify/sync-ops.routes.ts';
import { shopifyWebhookRoutes } from '../shopify/webhook.routes.ts';
import { pinSwitchRoutes } from '../staff/pin-switch.routes.ts';
import { staffRoutes } from '../staff/staff.routes.ts';
import type { AppDeps } from './app-deps.ts';
import { healthRoutes } from './health.routes.ts';

/** Every domain's routes. A new domain adds one line here. */
export async function registerDomainRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(healthRoutes, { deps });
  await app.register(staffRoutes, { deps });
  await app.register(shopifyConnectionRoutes, { deps });
  await app.register(shopifySyncOpsRoutes, { deps });
  await app.register(shopifyFirstSyncRoutes, { deps });
  await app.register(shopifyWebhookRoutes, { deps });
  await app.register(inventoryRoutes, { deps });
  await app.register(catalogRoutes, { deps });
  await app.register(settingsRoutes, { deps });
  await app.register(registersRoutes, { deps });
  await app.register(salesRoutes, { deps });
  await app.register(returnsRoutes, { deps });
  await app.register(parkedCartsRoutes, { deps });
  await app.register(cashUpsRoutes, { deps });
  await app.register(reportsRoutes, { deps });
  await app.register(pinSwitchRoutes, { deps });
}
