import type { FastifyInstance, FastifyReply } from 'fastify';
import { type TSchema, Type } from 'typebox';
import { FULFILLMENT_CREATE } from '../../shopify/operations/fulfillment-create.ts';
import { INVENTORY_SET } from '../../shopify/operations/inventory-set.ts';
import { ORDER_CANCEL } from '../../shopify/operations/order-cancel.ts';
import { ORDER_CREATE } from '../../shopify/operations/order-create.ts';
import { REFUND_CREATE } from '../../shopify/operations/refund-create.ts';
import { runInternal } from '../control/internal-admin.ts';
import { findShopByDomain } from '../control/shops.service.ts';
import type { Storefronts } from '../control/storefront.ts';
import { gid } from '../gid.ts';
import { fulfillmentOrdersOf } from '../orders/orders.repository.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import type { ShopRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';

type DomainParams = { domain: string };
type OrderParams = { domain: string; orderId: string };
const gidPattern = '^(gid://shopify/[A-Za-z]+/)?[0-9]+$';
const idOf = (value: string) => Number(value.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, ''));
const body = (schema: TSchema) => ({ schema: { body: schema } });
const Gid = Type.String({ pattern: gidPattern });
const OrderBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        { variantId: Gid, quantity: Type.Integer({ minimum: 1 }) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    inventoryBehaviour: Type.Optional(
      Type.Union(
        ['BYPASS', 'DECREMENT_IGNORING_POLICY', 'DECREMENT_OBEYING_POLICY'].map((b) => Type.Literal(b)),
      ),
    ),
  },
  { additionalProperties: false },
);
const CancelBody = Type.Object(
  {
    restock: Type.Boolean(),
    reason: Type.Optional(
      Type.Union(
        ['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'STAFF', 'OTHER'].map((r) => Type.Literal(r)),
      ),
    ),
  },
  { additionalProperties: false },
);
const RefundBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          lineItemId: Gid,
          quantity: Type.Integer({ minimum: 1 }),
          restockType: Type.Union(['RETURN', 'CANCEL', 'NO_RESTOCK'].map((r) => Type.Literal(r))),
          locationId: Type.Optional(Gid),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);
const StockBody = Type.Object(
  { inventoryItemId: Gid, locationId: Gid, available: Type.Integer() },
  { additionalProperties: false },
);
const StorefrontBody = Type.Object(
  {
    ordersPerMinute: Type.Number({ exclusiveMinimum: 0, maximum: 6000 }),
    oversell: Type.Optional(Type.Boolean()),
    maxQuantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  },
  { additionalProperties: false },
);

/**
 * The merchant's side of the sandbox (control API): fulfil, cancel with or without restock, refund
 * lines with a restock type at a location, set stock by hand, place an online order, and run the
 * storefront. Every action runs the Admin GraphQL mutation a client would, so webhooks follow.
 */
export function registerAdminActionRoutes(
  app: FastifyInstance,
  runtime: SandboxRuntime,
  storefronts: Storefronts,
): void {
  const shopOr404 = (domain: string, reply: FastifyReply): ShopRow | undefined => {
    const shop = findShopByDomain(runtime.db, domain);
    if (!shop) void reply.code(404).send({ error: { code: 'SHOP_UNKNOWN', message: `no shop ${domain}` } });
    return shop;
  };

  app.get('/sandbox/shops', async () =>
    (
      sql(runtime.db, 'SELECT domain, name, plan FROM shops ORDER BY id').all() as Array<{
        domain: string;
        name: string;
        plan: string;
      }>
    ).map((shop) => ({
      ...shop,
      storefront: storefronts.status((findShopByDomain(runtime.db, shop.domain) as ShopRow).id),
    })),
  );

  app.post<{
    Params: DomainParams;
    Body: { lines: Array<{ variantId: string; quantity: number }>; inventoryBehaviour?: string };
  }>('/sandbox/shops/:domain/orders', body(OrderBody), async (request, reply) => {
    const shop = shopOr404(request.params.domain, reply);
    if (!shop) return;
    const lineItems = request.body.lines.map((line) => ({
      variantId: gid('ProductVariant', idOf(line.variantId)),
      quantity: line.quantity,
    }));
    const result = await runInternal(runtime, shop, ORDER_CREATE, {
      order: { lineItems },
      options: { inventoryBehaviour: request.body.inventoryBehaviour ?? 'DECREMENT_OBEYING_POLICY' },
    });
    return reply.code(201).send(result.data?.orderCreate ?? result);
  });

  app.post<{ Params: OrderParams }>(
    '/sandbox/shops/:domain/orders/:orderId/fulfil',
    async (request, reply) => {
      const shop = shopOr404(request.params.domain, reply);
      if (!shop) return;
      const ctx = { db: runtime.db, shop, clock: runtime.clock, events: [] };
      const open = fulfillmentOrdersOf(ctx, idOf(request.params.orderId)).filter(
        (fo) => fo.status === 'OPEN' || fo.status === 'IN_PROGRESS',
      );
      const results = [];
      for (const fo of open) {
        const result = await runInternal(runtime, shop, FULFILLMENT_CREATE, {
          fulfillment: {
            lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: gid('FulfillmentOrder', fo.id) }],
          },
        });
        results.push(result.data?.fulfillmentCreate ?? result);
      }
      return { fulfillments: results };
    },
  );

  app.post<{ Params: OrderParams; Body: { restock: boolean; reason?: string } }>(
    '/sandbox/shops/:domain/orders/:orderId/cancel',
    body(CancelBody),
    async (request, reply) => {
      const shop = shopOr404(request.params.domain, reply);
      if (!shop) return;
      const result = await runInternal(runtime, shop, ORDER_CANCEL, {
        orderId: gid('Order', idOf(request.params.orderId)),
        restock: request.body.restock,
        reason: request.body.reason ?? 'CUSTOMER',
      });
      return result.data?.orderCancel ?? result;
    },
  );

  app.post<{
    Params: OrderParams;
    Body: {
      lines: Array<{ lineItemId: string; quantity: number; restockType: string; locationId?: string }>;
    };
  }>('/sandbox/shops/:domain/orders/:orderId/refund', body(RefundBody), async (request, reply) => {
    const shop = shopOr404(request.params.domain, reply);
    if (!shop) return;
    const result = await runInternal(runtime, shop, REFUND_CREATE, {
      idempotencyKey: `sandbox-admin-${Date.now()}-${Math.random()}`,
      input: {
        orderId: gid('Order', idOf(request.params.orderId)),
        refundLineItems: request.body.lines.map((line) => ({
          lineItemId: gid('LineItem', idOf(line.lineItemId)),
          quantity: line.quantity,
          restockType: line.restockType,
          locationId: line.locationId ? gid('Location', idOf(line.locationId)) : undefined,
        })),
      },
    });
    return result.data?.refundCreate ?? result;
  });

  app.post<{
    Params: DomainParams;
    Body: { inventoryItemId: string; locationId: string; available: number };
  }>('/sandbox/shops/:domain/stock', body(StockBody), async (request, reply) => {
    const shop = shopOr404(request.params.domain, reply);
    if (!shop) return;
    const result = await runInternal(runtime, shop, INVENTORY_SET, {
      idempotencyKey: `sandbox-hand-edit-${Date.now()}-${Math.random()}`,
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: 'sandbox://admin/hand-edit',
        quantities: [
          {
            inventoryItemId: gid('InventoryItem', idOf(request.body.inventoryItemId)),
            locationId: gid('Location', idOf(request.body.locationId)),
            quantity: request.body.available,
            changeFromQuantity: null,
          },
        ],
      },
    });
    return result.data?.inventorySetQuantities ?? result;
  });

  app.get<{ Params: DomainParams; Querystring: { inventoryItemId?: string; limit?: string } }>(
    '/sandbox/shops/:domain/inventory-history',
    async (request, reply) => {
      const shop = shopOr404(request.params.domain, reply);
      if (!shop) return;
      const itemId = request.query.inventoryItemId ? idOf(request.query.inventoryItemId) : null;
      const rows = sql(
        runtime.db,
        `SELECT g.id, g.reason, g.reference_document_uri, g.created_at, c.name, c.delta, c.item_id, c.location_id, c.ledger_document_uri
         FROM adjustment_groups g JOIN adjustment_changes c ON c.group_id = g.id
         WHERE g.shop_id = ? AND (? IS NULL OR c.item_id = ?) ORDER BY g.id DESC, c.seq LIMIT ?`,
      ).all(shop.id, itemId, itemId, Math.min(1000, Number(request.query.limit ?? 200))) as Array<
        Record<string, unknown>
      >;
      return rows.map((row) => ({
        groupId: gid('InventoryAdjustmentGroup', row.id as number),
        reason: row.reason,
        referenceDocumentUri: row.reference_document_uri,
        createdAt: row.created_at,
        name: row.name,
        delta: row.delta,
        inventoryItemId: gid('InventoryItem', row.item_id as number),
        locationId: gid('Location', row.location_id as number),
        ledgerDocumentUri: row.ledger_document_uri,
      }));
    },
  );

  app.post<{
    Params: DomainParams;
    Body: { ordersPerMinute: number; oversell?: boolean; maxQuantity?: number };
  }>('/sandbox/shops/:domain/storefront', body(StorefrontBody), async (request, reply) => {
    const shop = shopOr404(request.params.domain, reply);
    if (!shop) return;
    storefronts.start(shop, {
      ordersPerMinute: request.body.ordersPerMinute,
      oversell: request.body.oversell ?? false,
      maxQuantity: request.body.maxQuantity ?? 2,
    });
    return storefronts.status(shop.id);
  });

  app.delete<{ Params: DomainParams }>('/sandbox/shops/:domain/storefront', async (request, reply) => {
    const shop = shopOr404(request.params.domain, reply);
    if (!shop) return;
    storefronts.stop(shop.id);
    return storefronts.status(shop.id);
  });
}
