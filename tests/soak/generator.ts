import { runInternal } from '../../src/sandbox/control/internal-admin.ts';
import { findShopByDomain } from '../../src/sandbox/control/shops.service.ts';
import { FULFILLMENT_CREATE } from '../../src/shopify/operations/fulfillment-create.ts';
import type { ItemModel, Oracle, OrderLineModel, OrderModel, SaleModel, Where } from './oracle.ts';
import type { Prng } from './prng.ts';
import { placeOrder, type World } from './world.ts';

/**
 * One random step of a seed's day. Choices come from the seed's PRNG and the oracle's own model (which
 * sale can be returned, which order still has open units), so a seed replays the same day. POS
 * requests go to a random live server process; a request cut off by a kill is settled before the
 * next step — retried with the same client-made id, or looked up by that id — so the oracle only
 * ever holds what landed.
 */
const PRICE_MINOR = 500;
let counter = 0;
const clientId = (prefix: string, seed: number) =>
  `${prefix}_soak${seed}x${(++counter).toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`.padEnd(
    prefix.length + 11,
    '0',
  );

export interface StepContext {
  world: World;
  oracle: Oracle;
  random: Prng;
  seed: number;
  /** Kill a server process while this step's request is in flight. */
  killDuring: boolean;
  note(line: string): void;
}

const ACTIONS = [
  ['sale', 8],
  ['posReturn', 3],
  ['receipt', 2],
  ['adjustment', 2],
  ['count', 1.5],
  ['transfer', 2],
  ['onlineOrder', 6],
  ['partialFulfil', 3],
  ['fulfil', 2],
  ['cancel', 1.5],
  ['refund', 3],
  ['shopifyEdit', 1.5],
  ['preOrderAction', 1],
  ['pause', 1],
] as const;

export async function step(ctx: StepContext): Promise<void> {
  const { random } = ctx;
  const name = ACTIONS[random.weighted(ACTIONS.map((a) => a[1]))]?.[0] as (typeof ACTIONS)[number][0];
  await STEPS[name](ctx);
}

const where = (random: Prng): Where => (random.chance(0.75) ? 'shop' : 'storeRoom');

const STEPS: Record<(typeof ACTIONS)[number][0], (ctx: StepContext) => Promise<void>> = {
  async sale(ctx) {
    const { random, oracle } = ctx;
    const lines = Array.from({ length: random.int(1, 2) }, () => ({
      lineId: clientId('line', ctx.seed),
      item: random.pick(oracle.items),
      quantity: random.int(1, 3),
      returned: 0,
    }));
    const sale: SaleModel = { id: clientId('sale', ctx.seed), lines };
    const body = {
      id: sale.id,
      registerId: ctx.world.registerId,
      lines: lines.map((l) => ({ id: l.lineId, variantId: l.item.variantId, quantity: l.quantity })),
      payments: [
        { method: 'card', amountMinor: lines.reduce((sum, l) => sum + l.quantity * PRICE_MINOR, 0) },
      ],
    };
    if (await posRequest(ctx, 'POST', '/api/sales', body, `/api/sales/${sale.id}`)) oracle.sale(sale);
  },

  async posReturn(ctx) {
    const { random, oracle } = ctx;
    const open = oracle.sales.flatMap((sale) =>
      sale.lines
        .map((line, index) => ({ sale, line, index }))
        .filter((x) => x.line.returned < x.line.quantity),
    );
    if (open.length === 0) return;
    const { sale, line, index } = random.pick(open);
    const quantity = random.int(1, line.quantity - line.returned);
    const restock = random.chance(0.6);
    const id = clientId('ret', ctx.seed);
    const body = { id, lines: [{ saleLineId: line.lineId, quantity, restock }] };
    if (await posRequest(ctx, 'POST', `/api/sales/${sale.id}/returns`, body, `/api/returns/${id}`))
      oracle.posReturn(sale, index, quantity, restock);
  },

  async receipt(ctx) {
    const { random, oracle, world } = ctx;
    const item = random.pick(oracle.items);
    const at = where(random);
    const quantity = random.int(1, 6);
    const body = {
      id: clientId('rcv', ctx.seed),
      locationId: at === 'shop' ? world.shopLocationId : world.storeRoomId,
      lines: [{ variantId: item.variantId, quantity }],
    };
    if (await posRequest(ctx, 'POST', '/api/stock/receipts', body)) oracle.receipt(item, at, quantity);
  },

  async adjustment(ctx) {
    const { random, oracle, world } = ctx;
    const item = random.pick(oracle.items);
    const at = where(random);
    const delta = random.chance(0.5) ? random.int(1, 4) : -random.int(1, 4);
    const body = {
      id: clientId('adj', ctx.seed),
      locationId: at === 'shop' ? world.shopLocationId : world.storeRoomId,
      variantId: item.variantId,
      delta,
      reason: delta > 0 ? 'found' : 'damaged',
    };
    if (await posRequest(ctx, 'POST', '/api/stock/adjustments', body)) oracle.adjustment(item, at, delta);
  },

  async count(ctx) {
    const { random, oracle, world } = ctx;
    const item = random.pick(oracle.items.filter((i) => !i.online));
    const at = where(random);
    const counted = random.int(0, 15);
    const body = {
      id: clientId('cnt', ctx.seed),
      locationId: at === 'shop' ? world.shopLocationId : world.storeRoomId,
      lines: [{ variantId: item.variantId, counted }],
    };
    if (await posRequest(ctx, 'POST', '/api/stock/counts', body)) oracle.count(item, at, counted);
  },

  async transfer(ctx) {
    const { random, oracle, world } = ctx;
    const item = random.pick(oracle.items);
    const from = where(random);
    const quantity = random.int(1, 3);
    const body = {
      id: clientId('trf', ctx.seed),
      fromLocationId: from === 'shop' ? world.shopLocationId : world.storeRoomId,
      toLocationId: from === 'shop' ? world.storeRoomId : world.shopLocationId,
      lines: [{ variantId: item.variantId, quantity }],
    };
    if (await posRequest(ctx, 'POST', '/api/stock/transfers', body)) oracle.transfer(item, from, quantity);
  },

  async onlineOrder(ctx) {
    const { random, oracle } = ctx;
    const online = oracle.items.filter((i) => i.online);
    const first = random.pick(online);
    const lines: Array<{ item: ItemModel; quantity: number }> = [{ item: first, quantity: random.int(1, 3) }];
    const second = random.pick(online);
    if (second !== first && random.chance(0.4)) lines.push({ item: second, quantity: random.int(1, 2) });
    await withKill(ctx, () => placeOrder(ctx.world, oracle, lines, false));
  },

  async partialFulfil(ctx) {
    const picked = pickLine(ctx, (order, line) => !order.cancelled && ctx.oracle.open(line) > 0);
    if (!picked) return;
    const { order, line } = picked;
    const quantity = ctx.random.int(1, ctx.oracle.open(line));
    const shop = findShopByDomain(ctx.world.sandbox.runtime.db, ctx.world.shop.domain);
    if (!shop) throw new Error('sandbox shop vanished');
    const foId = await fulfillmentOrderOf(ctx, order);
    const result = await withKill(ctx, () =>
      runInternal(ctx.world.sandbox.runtime, shop, FULFILLMENT_CREATE, {
        fulfillment: {
          lineItemsByFulfillmentOrder: [
            {
              fulfillmentOrderId: foId,
              fulfillmentOrderLineItems: [{ id: line.fulfillmentOrderLineItemId, quantity }],
            },
          ],
        },
      }),
    );
    const payload = (result.data?.fulfillmentCreate ?? {}) as {
      fulfillment?: unknown;
      userErrors?: unknown[];
    };
    if (payload.fulfillment && !payload.userErrors?.length) ctx.oracle.fulfilled(order, line, quantity);
    else ctx.note(`partial fulfilment refused: ${JSON.stringify(result)}`);
  },

  async fulfil(ctx) {
    const orders = ctx.oracle.orders.filter(
      (o) => !o.preIntegration && !o.cancelled && o.lines.some((l) => ctx.oracle.open(l) > 0),
    );
    if (orders.length === 0) return;
    const order = ctx.random.pick(orders);
    const result = (await withKill(ctx, () => ctx.world.control(`/orders/${order.id}/fulfil`))) as {
      fulfillments: Array<{ fulfillment?: unknown; userErrors?: unknown[] }>;
    };
    if (result.fulfillments.length === 1 && result.fulfillments[0]?.fulfillment) {
      for (const line of order.lines) {
        const open = ctx.oracle.open(line);
        if (open > 0) ctx.oracle.fulfilled(order, line, open);
      }
    } else ctx.note(`fulfilment refused: ${JSON.stringify(result)}`);
  },

  async cancel(ctx) {
    // Shopify refuses to cancel an order with fulfilments (refunds are the way then).
    const orders = ctx.oracle.orders.filter(
      (o) => !o.preIntegration && !o.cancelled && o.lines.every((l) => l.fulfilled === 0),
    );
    if (orders.length === 0) return;
    await cancelOrder(ctx, ctx.random.pick(orders));
  },

  async refund(ctx) {
    const picked = pickLine(ctx, (order, line) => !order.preIntegration && line.refunded < line.quantity);
    if (picked) await refundLine(ctx, picked.order, picked.line);
  },

  async shopifyEdit(ctx) {
    const { random, oracle, world } = ctx;
    const item = random.pick(oracle.items);
    const available = random.int(0, 20);
    await withKill(ctx, () =>
      world.control('/stock', {
        inventoryItemId: item.inventoryItemId,
        locationId: world.shopifyLocationId,
        available,
      }),
    );
    oracle.shopifyEdit(item, available);
  },

  async preOrderAction(ctx) {
    const pre = ctx.oracle.orders.filter((o) => o.preIntegration && !o.cancelled);
    if (pre.length === 0) return;
    const order = ctx.random.pick(pre);
    const roll = ctx.random.int(0, 2);
    if (roll === 0) {
      const result = (await ctx.world.control(`/orders/${order.id}/fulfil`)) as {
        fulfillments: Array<{ fulfillment?: unknown }>;
      };
      if (result.fulfillments[0]?.fulfillment)
        for (const line of order.lines) {
          const open = ctx.oracle.open(line);
          if (open > 0) ctx.oracle.fulfilled(order, line, open);
        }
    } else if (roll === 1) {
      if (order.lines.every((l) => l.fulfilled === 0)) await cancelOrder(ctx, order);
    } else {
      const line = ctx.random.pick(order.lines);
      if (line.refunded < line.quantity) await refundLine(ctx, order, line);
    }
  },

  async pause(ctx) {
    await new Promise((done) => setTimeout(done, ctx.random.int(0, 60)));
  },
};

function pickLine(
  ctx: StepContext,
  eligible: (order: OrderModel, line: OrderLineModel) => boolean,
): { order: OrderModel; line: OrderLineModel } | undefined {
  const candidates = ctx.oracle.orders.flatMap((order) =>
    order.lines.filter((line) => eligible(order, line)).map((line) => ({ order, line })),
  );
  return candidates.length === 0 ? undefined : ctx.random.pick(candidates);
}

async function cancelOrder(ctx: StepContext, order: OrderModel): Promise<void> {
  const restock = ctx.random.chance(0.6);
  const result = (await withKill(ctx, () =>
    ctx.world.control(`/orders/${order.id}/cancel`, { restock }),
  )) as {
    orderCancelUserErrors?: unknown[];
    userErrors?: unknown[];
    job?: unknown;
  };
  const errors = [...(result.orderCancelUserErrors ?? []), ...(result.userErrors ?? [])];
  if (errors.length === 0) ctx.oracle.cancelled(order, restock);
  else ctx.note(`cancel refused: ${JSON.stringify(errors)}`);
}

async function refundLine(ctx: StepContext, order: OrderModel, line: OrderLineModel): Promise<void> {
  const { random, oracle } = ctx;
  const returnable = line.fulfilled - line.returned;
  const releasable = order.cancelled ? 0 : oracle.open(line);
  const refundable = line.quantity - line.refunded;
  const types: Array<['RETURN' | 'CANCEL' | 'NO_RESTOCK', number]> = [];
  if (returnable > 0) types.push(['RETURN', Math.min(returnable, refundable)]);
  if (releasable > 0) types.push(['CANCEL', Math.min(releasable, refundable)]);
  types.push(['NO_RESTOCK', refundable]);
  const [type, most] = random.pick(types);
  if (most <= 0) return;
  const quantity = random.int(1, most);
  const result = (await withKill(ctx, () =>
    ctx.world.control(`/orders/${order.id}/refund`, {
      lines: [
        {
          lineItemId: line.lineItemId,
          quantity,
          restockType: type,
          ...(type === 'NO_RESTOCK' ? {} : { locationId: ctx.world.shopifyLocationId }),
        },
      ],
    }),
  )) as { refund?: unknown; userErrors?: unknown[] };
  if (result.refund && !result.userErrors?.length) oracle.refunded(order, line, quantity, type);
  else ctx.note(`refund ${type} ×${quantity} refused: ${JSON.stringify(result)}`);
}

async function fulfillmentOrderOf(ctx: StepContext, order: OrderModel): Promise<string> {
  const row = ctx.world.sandbox.runtime.db
    .prepare('SELECT id FROM fulfillment_orders WHERE order_id = ? ORDER BY id LIMIT 1')
    .get(Number(order.id)) as { id: number } | undefined;
  if (!row) throw new Error(`no fulfilment order for ${order.id}`);
  return `gid://shopify/FulfillmentOrder/${row.id}`;
}

/**
 * Runs a Shopify-side action; when this step was chosen for a kill, a server process dies while the
 * sandbox delivers the webhooks and the sync engine works.
 */
async function withKill<T>(ctx: StepContext, action: () => Promise<T>): Promise<T> {
  if (!ctx.killDuring) return action();
  const result = action();
  await killSoon(ctx);
  return result;
}

async function killSoon(ctx: StepContext): Promise<void> {
  await new Promise((done) => setTimeout(done, ctx.random.int(0, 15)));
  const alive = ctx.world.pool.alive();
  if (alive.length === 0) return;
  const victim = ctx.random.pick(alive);
  ctx.world.pool.kill(victim);
  ctx.note(`killed server ${victim}`);
}

/**
 * A POS request to a random live process. On an answer: true for 2xx, an error otherwise (the
 * generator only sends valid requests). Cut off by a kill: wait for a live process, then settle by
 * the client-made id — send it again (a replay records nothing twice), or, for sales and returns
 * half the time, look it up and count it only if it is there.
 */
async function posRequest(
  ctx: StepContext,
  method: string,
  path: string,
  body: unknown,
  lookup?: string,
): Promise<boolean> {
  const { world, random } = ctx;
  await ensureLive(ctx);
  const target = random.pick(world.pool.alive());
  const sending = world.api(method, path, body, target);
  // The kill lands before the next step whatever happens: while the request is in flight, or just after.
  const killing = ctx.killDuring ? killSoon(ctx) : Promise.resolve();
  let response: Response;
  try {
    response = await sending;
    await killing;
  } catch {
    await killing;
    ctx.note(`${path} cut off by a kill`);
    await ensureLive(ctx);
    if (lookup && random.chance(0.5)) {
      const found = await world.api('GET', lookup);
      ctx.note(`${lookup} after the kill: ${found.status}`);
      if (found.status === 200) return true;
      if (found.status === 404) return false;
      throw new Error(`GET ${lookup}: ${found.status} ${await found.text()}`);
    }
    response = await world.api(method, path, body);
  }
  if (response.status >= 200 && response.status < 300) return true;
  throw new Error(
    `${method} ${path} → ${response.status} ${await response.text()} (body ${JSON.stringify(body)})`,
  );
}

/** At least one process up: on SQLite the one process is restarted at once, on PostgreSQL the other serves. */
async function ensureLive(ctx: StepContext): Promise<void> {
  const pool = ctx.world.pool;
  if (pool.alive().length > 0 && ctx.random.chance(0.7)) return;
  if (pool.dead().length > 0) ctx.note('restarting');
  await pool.restartAll();
}
