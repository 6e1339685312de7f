import type { FastifyInstance } from 'fastify';
import { registersRoutes } from '../registers/registers.routes.ts';
import { returnsRoutes } from '../sales/returns.routes.ts';
import { salesRoutes } from '../sales/sales.routes.ts';
import { settingsRoutes } from '../settings/settings.routes.ts';
import { staffRoutes } from '../staff/staff.routes.ts';
import type { AppDeps } from './app-deps.ts';
import { healthRoutes } from './health.routes.ts';

/** Every domain's routes. A new domain adds one line here. */
export async function registerDomainRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(healthRoutes, { deps });
  await app.register(staffRoutes, { deps });
  await app.register(settingsRoutes, { deps });
  await app.register(registersRoutes, { deps });
  await app.register(salesRoutes, { deps });
  await app.register(returnsRoutes, { deps });
}
