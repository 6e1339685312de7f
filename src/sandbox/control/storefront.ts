import { ORDER_CREATE } from '../../shopify/operations/order-create.ts';
import { seededRandom } from '../faults/seeded-random.ts';
import { gid } from '../gid.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';
import type { ShopRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { runInternal } from './internal-admin.ts';

export interface StorefrontSettings {
  ordersPerMinute: number;
  /** When true, shoppers also pick items that are out of stock, and orders ignore the stock policy. */
  oversell: boolean;
  maxQuantity: number;
}

/**
 * Simulated customers placing online orders at a steady rate through orderCreate (with
 * DECREMENT_OBEYING_POLICY, or IGNORING_POLICY when overselling). Choices come from a PRNG seeded from
 * the sandbox seed and the shop, so a run can be replayed.
 */
export class Storefronts {
  private readonly running = new Map<
    number,
    { timer: NodeJS.Timeout; settings: StorefrontSettings; placed: number }
  >();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly seed: number,
  ) {}

  start(shop: ShopRow, settings: StorefrontSettings): void {
    this.stop(shop.id);
    const random = seededRandom(this.seed ^ (shop.id * 31));
    const state = { timer: undefined as unknown as NodeJS.Timeout, settings, placed: 0 };
    const interval = Math.max(10, Math.round(60_000 / settings.ordersPerMinute));
    state.timer = setInterval(() => {
      void this.placeOrder(shop, settings, random).then((placed) => {
        if (placed) state.placed++;
      });
    }, interval);
    state.timer.unref();
    this.running.set(shop.id, state);
  }

  stop(shopId: number): void {
    const state = this.running.get(shopId);
    if (state) clearInterval(state.timer);
    this.running.delete(shopId);
  }

  status(shopId: number) {
    const state = this.running.get(shopId);
    return state ? { running: true, ...state.settings, placed: state.placed } : { running: false, placed: 0 };
  }

  stopAll(): void {
    for (const shopId of [...this.running.keys()]) this.stop(shopId);
  }

  async placeOrder(shop: ShopRow, settings: StorefrontSettings, random: () => number): Promise<boolean> {
    const { db } = this.runtime;
    const inStock = `SELECT v.id FROM variants v WHERE v.shop_id = ? AND v.tracked = 1 AND EXISTS (
      SELECT 1 FROM levels l JOIN quantities q ON q.level_id = l.id
      WHERE l.item_id = v.inventory_item_id AND l.active = 1 AND q.name = 'available' AND q.quantity > 0)`;
    const candidates = settings.oversell ? 'SELECT id FROM variants WHERE shop_id = ?' : inStock;
    const { n } = sql(db, `SELECT COUNT(*) AS n FROM (${candidates})`).get(shop.id) as { n: number };
    if (n === 0) return false;
    const pick = sql(db, `${candidates} ORDER BY 1 LIMIT 1 OFFSET ?`).get(
      shop.id,
      Math.floor(random() * n),
    ) as { id: number };
    const quantity = 1 + Math.floor(random() * settings.maxQuantity);
    const result = await runInternal(this.runtime, shop, ORDER_CREATE, {
      order: {
        lineItems: [{ variantId: gid('ProductVariant', pick.id), quantity }],
        email: 'shopper@example.com',
      },
      options: {
        inventoryBehaviour: settings.oversell ? 'DECREMENT_IGNORING_POLICY' : 'DECREMENT_OBEYING_POLICY',
      },
    });
    const created = (result.data?.orderCreate as { order: unknown } | undefined)?.order;
    return Boolean(created);
  }
}
