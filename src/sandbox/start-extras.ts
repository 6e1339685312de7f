import type { FastifyInstance } from 'fastify';
import type { SandboxRuntime } from './sandbox-runtime.ts';
import { startWebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

/** Parts started beside the API (webhook dispatcher, storefront, bulk runner); answers their stop hooks. */
export async function startExtras(
  _app: FastifyInstance,
  runtime: SandboxRuntime,
): Promise<Array<() => Promise<void> | void>> {
  const dispatcher = startWebhookDispatcher(runtime, { retryBaseMs: runtime.webhookRetryBaseMs });
  runtime.onEvents = (shopId, events) => dispatcher.enqueue(shopId, events);
  return [() => dispatcher.stop()];
}
