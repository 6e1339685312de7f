/**
 * The expected state, computed from the generator's event list alone (DESIGN §2's table), never from
 * what the product derived. Each event is applied here only once its outcome is known: a POS request
 * that was answered, or cut off and then found by its client-made id; a Shopify admin action that the
 * sandbox accepted. See docs/soak.md.
 */
export interface ItemModel {
  variantId: string;
  inventoryItemId: string;
  shopifyVariantId: string;
  /** Takes online orders (its counts would race with online events, so it is never counted). */
  online: boolean;
  shop: { onHand: number; committed: number };
  storeRoom: { onHand: number };
}

export interface OrderLineModel {
  lineItemId: string;
  fulfillmentOrderLineItemId: string;
  item: ItemModel;
  quantity: number;
  fulfilled: number;
  /** Units taken out of the order by `CANCEL` refund lines or by the cancellation. */
  released: number;
  returned: number;
  refunded: number;
}

export interface OrderModel {
  id: string;
  preIntegration: boolean;
  cancelled: boolean;
  lines: OrderLineModel[];
  /** Ledger movements this order must have produced, one per event (0 before the integration). */
  expectedMovements: number;
}

export interface SaleModel {
  id: string;
  lines: Array<{ lineId: string; item: ItemModel; quantity: number; returned: number }>;
}

export type Where = 'shop' | 'storeRoom';

export class Oracle {
  readonly orders: OrderModel[] = [];
  readonly sales: SaleModel[] = [];
  /** Items whose Shopify figure changed on Shopify's side alone: reconciliation may find drift there. */
  readonly mayDrift = new Set<string>();
  readonly events: string[] = [];

  constructor(readonly items: ItemModel[]) {}

  private log(event: string) {
    this.events.push(event);
  }

  onHand(item: ItemModel, where: Where, delta: number) {
    if (where === 'shop') item.shop.onHand += delta;
    else item.storeRoom.onHand += delta;
  }

  sale(sale: SaleModel) {
    this.sales.push(sale);
    for (const line of sale.lines) this.onHand(line.item, 'shop', -line.quantity);
    this.log(`sale ${sale.id} ${sale.lines.map((l) => `${l.item.variantId}×${l.quantity}`).join(',')}`);
  }

  posReturn(sale: SaleModel, lineIndex: number, quantity: number, restock: boolean) {
    const line = sale.lines[lineIndex] as SaleModel['lines'][number];
    line.returned += quantity;
    if (restock) this.onHand(line.item, 'shop', quantity);
    this.log(`return ${sale.id}#${lineIndex} ×${quantity}${restock ? ' restocked' : ''}`);
  }

  receipt(item: ItemModel, where: Where, quantity: number) {
    this.onHand(item, where, quantity);
    this.log(`receipt ${item.variantId}@${where} +${quantity}`);
  }

  adjustment(item: ItemModel, where: Where, delta: number) {
    this.onHand(item, where, delta);
    this.log(`adjust ${item.variantId}@${where} ${delta}`);
  }

  count(item: ItemModel, where: Where, counted: number) {
    if (where === 'shop') item.shop.onHand = counted;
    else item.storeRoom.onHand = counted;
    this.log(`count ${item.variantId}@${where} =${counted}`);
  }

  transfer(item: ItemModel, from: Where, quantity: number) {
    this.onHand(item, from, -quantity);
    this.onHand(item, from === 'shop' ? 'storeRoom' : 'shop', quantity);
    this.log(`transfer ${item.variantId} ${from}→ ×${quantity}`);
  }

  orderCreated(order: OrderModel) {
    this.orders.push(order);
    if (!order.preIntegration) {
      for (const line of order.lines) {
        line.item.shop.committed += line.quantity;
        order.expectedMovements++;
      }
    }
    this.log(`order ${order.id}${order.preIntegration ? ' (pre)' : ''}`);
  }

  /** Units of a line still committed: ordered, not fulfilled, not released. */
  open(line: OrderLineModel): number {
    return line.quantity - line.fulfilled - line.released;
  }

  fulfilled(order: OrderModel, line: OrderLineModel, quantity: number) {
    line.fulfilled += quantity;
    if (!order.preIntegration) {
      line.item.shop.onHand -= quantity;
      line.item.shop.committed -= quantity;
      order.expectedMovements++;
    }
    this.log(`fulfil ${order.id}/${line.lineItemId} ×${quantity}`);
  }

  cancelled(order: OrderModel, restock: boolean) {
    order.cancelled = true;
    for (const line of order.lines) {
      const open = this.open(line);
      if (open <= 0) continue;
      line.released += open;
      // Shopify records the cancellation as a refund of the open units.
      line.refunded += open;
      if (order.preIntegration) {
        if (restock) this.mayDrift.add(line.item.variantId);
        continue;
      }
      line.item.shop.committed -= open;
      if (!restock) line.item.shop.onHand -= open;
      order.expectedMovements++;
    }
    this.log(`cancel ${order.id}${restock ? ' restock' : ''}`);
  }

  refunded(
    order: OrderModel,
    line: OrderLineModel,
    quantity: number,
    type: 'RETURN' | 'CANCEL' | 'NO_RESTOCK',
  ) {
    line.refunded += quantity;
    if (type === 'RETURN') line.returned += quantity;
    if (type === 'CANCEL') line.released += quantity;
    if (type !== 'NO_RESTOCK') {
      if (order.preIntegration) this.mayDrift.add(line.item.variantId);
      else {
        if (type === 'RETURN') line.item.shop.onHand += quantity;
        else line.item.shop.committed -= quantity;
        order.expectedMovements++;
      }
    }
    this.log(`refund ${order.id}/${line.lineItemId} ×${quantity} ${type}`);
  }

  shopifyEdit(item: ItemModel, available: number) {
    this.mayDrift.add(item.variantId);
    this.log(`shopify edit ${item.variantId} =${available}`);
  }

  /** What Shopify must show once reconciled (no buffer is configured in the soak). */
  onlineAvailable(item: ItemModel): number {
    return Math.max(0, item.shop.onHand - item.shop.committed);
  }
}
