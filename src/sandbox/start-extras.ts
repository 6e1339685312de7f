import type { FastifyInstance } from 'fastify';
import { Storefronts } from './control/storefront.ts';
import type { SandboxRuntime } from './sandbox-runtime.ts';
import { registerAdminActionRoutes } from './server/admin-actions.routes.ts';
import { registerControlPage } from './server/control-page.routes.ts';
import { startWebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

/** Parts started beside the API (webhook dispatcher, storefront, admin actions, page); answers their stop hooks. */
export async function startExtras(
  app: FastifyInstance,
  runtime: SandboxRuntime,
  seed: number,
): Promise<Array<() => Promise<void> | void>> {
  const dispatcher = startWebhookDispatcher(runtime, {
    retryBaseMs: runtime.webhookRetryBaseMs,
    responseLimitMs: runtime.webhookResponseLimitMs,
  });
  runtime.onEvents = (shopId, events) => dispatcher.enqueue(shopId, events);
  const storefronts = new Storefronts(runtime, seed);
  runtime.storefronts = storefronts;
  registerAdminActionRoutes(app, runtime, storefronts);
  registerControlPage(app);
  return [() => storefronts.stopAll(), () => dispatcher.stop()];
}
