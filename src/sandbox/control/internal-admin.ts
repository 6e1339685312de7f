import type { SandboxContext } from '../context.ts';
import { executeAdmin } from '../graphql/execute-admin.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import type { ShopRow } from '../store/rows.ts';
import { CostBuckets } from '../throttle/cost-bucket.ts';

/** Staff and shoppers act through Shopify's own admin and checkout, not the app's bucket. */
const internalBuckets = new CostBuckets();

/**
 * Runs an Admin GraphQL document on behalf of the simulated merchant or shopper: the storefront and the
 * admin actions go through the same operations a client would send, so they have the same effects and
 * raise the same webhooks.
 */
export async function runInternal(
  runtime: SandboxRuntime,
  shop: ShopRow,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const ctx: SandboxContext = { db: runtime.db, shop, clock: runtime.clock, events: [], runtime };
  internalBuckets.reset();
  const response = await executeAdmin(ctx, internalBuckets, 1000, { query, variables });
  if (ctx.events.length) runtime.onEvents(shop.id, ctx.events);
  return response.body as { data?: Record<string, unknown>; errors?: unknown[] };
}
