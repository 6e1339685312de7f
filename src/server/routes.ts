import type { FastifyInstance } from 'fastify';
import { catalogRoutes } from '../catalog/catalog.routes.ts';
import { inventoryRoutes } from '../inventory/inventory.routes.ts';
import { shopifyConnectionRoutes } from '../shopify/connection.routes.ts';
import { shopifySyncOpsRoutes } from '../shopify/sync-ops.routes.ts';
import { shopifyWebhookRoutes } from '../shopify/webhook.routes.ts';
import { staffRoutes } from '../staff/staff.routes.ts';
import type { AppDeps } from './app-deps.ts';
import { healthRoutes } from './health.routes.ts';

/** Every domain's routes. A new domain adds one line here. */
export async function registerDomainRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(healthRoutes, { deps });
  await app.register(staffRoutes, { deps });
  await app.register(shopifyConnectionRoutes, { deps });
  await app.register(shopifySyncOpsRoutes, { deps });
  await app.register(shopifyWebhookRoutes, { deps });
  await app.register(inventoryRoutes, { deps });
  await app.register(catalogRoutes, { deps });
}
