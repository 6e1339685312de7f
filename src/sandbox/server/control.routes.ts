import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { seedCatalog } from '../control/seed-catalog.ts';
import { createShop, findShopByDomain } from '../control/shops.service.ts';
import type { FaultKnobs } from '../faults/fault-knobs.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import { resetSandboxDb } from '../store/sandbox-db.ts';
import { PLAN_NAMES } from '../throttle/plans.ts';

const rate = Type.Number({ minimum: 0, maximum: 1 });
const ShopBody = Type.Object(
  {
    plan: Type.Union(PLAN_NAMES.map((plan) => Type.Literal(plan))),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    locations: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 20 })),
    scopes: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z_]+$' }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
const SeedBody = Type.Object(
  {
    variants: Type.Integer({ minimum: 1, maximum: 500000 }),
    variantsPerProduct: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    quantity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
  },
  { additionalProperties: false },
);
const FaultsBody = Type.Object(
  {
    apiFailureRate: Type.Optional(rate),
    apiFailureStatuses: Type.Optional(
      Type.Array(Type.Union([429, 500, 502, 503].map((s) => Type.Literal(s))), { minItems: 1 }),
    ),
    timeoutAfterApplyRate: Type.Optional(rate),
    bucketScale: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    webhookDropRate: Type.Optional(rate),
    webhookDuplicateRate: Type.Optional(rate),
    webhookDelayRate: Type.Optional(rate),
    webhookDelayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600000 })),
    webhookReorderRate: Type.Optional(rate),
  },
  { additionalProperties: false },
);

/**
 * The sandbox's control API (docs/sandbox.md), beside the Admin API: for scripts, tests, the demo and
 * the control page. Nothing here exists on Shopify; a client of the Admin API never needs it.
 */
export function registerControlRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  app.post<{ Body: { plan: string; name?: string; locations?: string[]; scopes?: string[] } }>(
    '/sandbox/shops',
    {
      schema: { body: ShopBody },
    },
    async (request, reply) => reply.code(201).send(createShop(runtime.db, runtime.clock, request.body)),
  );

  app.post<{
    Params: { domain: string };
    Body: { variants: number; variantsPerProduct?: number; quantity?: number };
  }>(
    '/sandbox/shops/:domain/seed',
    {
      schema: { body: SeedBody },
    },
    async (request, reply) => {
      const shop = findShopByDomain(runtime.db, request.params.domain);
      if (!shop) return reply.code(404).send({ error: { code: 'SHOP_UNKNOWN', message: 'no such shop' } });
      return reply.code(201).send(seedCatalog(runtime, shop, request.body));
    },
  );

  app.put<{ Params: { domain: string }; Body: Partial<FaultKnobs> }>(
    '/sandbox/shops/:domain/faults',
    {
      schema: { body: FaultsBody },
    },
    async (request, reply) => {
      const shop = findShopByDomain(runtime.db, request.params.domain);
      if (!shop) return reply.code(404).send({ error: { code: 'SHOP_UNKNOWN', message: 'no such shop' } });
      return runtime.faults.set(shop.id, request.body);
    },
  );

  app.get<{ Params: { id: string } }>('/sandbox/bulk-results/:id', async (request, reply) => {
    const id = Number(request.params.id.replace(/\.jsonl$/, ''));
    const row = runtime.db
      .prepare("SELECT result FROM bulk_operations WHERE id = ? AND status = 'COMPLETED'")
      .get(id) as { result: string } | undefined;
    if (!row) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such result' } });
    return reply.type('application/jsonl').send(row.result);
  });

  app.post('/sandbox/reset', async () => {
    resetSandboxDb(runtime.db);
    runtime.buckets.reset();
    runtime.faults.reset();
    return { reset: true };
  });
}
