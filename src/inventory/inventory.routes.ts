import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { locationRoutes } from './location.routes.ts';
import { stockRoutes } from './stock.routes.ts';
import { stockReadRoutes } from './stock-read.routes.ts';

/** Everything under /api/locations and /api/stock. */
export const inventoryRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(locationRoutes, { deps });
  await app.register(stockRoutes, { deps });
  await app.register(stockReadRoutes, { deps });
};
