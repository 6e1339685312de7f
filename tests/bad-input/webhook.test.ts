import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/test-databases.ts';
import { type BadInputShop, openBadInputShop } from './bad-input-shop.ts';
import { deliverWebhook } from './send-case.ts';
import { changedTables, snapshotState } from './state-snapshot.ts';
import { signedDelivery, WEBHOOK_CASES, type WebhookDelivery } from './webhook-cases.ts';

describeEachDatabase('bad input: Shopify webhook receiver', (t) => {
  let shop: BadInputShop;
  beforeAll(async () => {
    shop = await openBadInputShop(t.db);
  }, 60_000);

  const deliver = (delivery: WebhookDelivery) => deliverWebhook(shop, delivery);
  const inboxRows = async (webhookId: string) =>
    (
      await t.db.kysely
        .selectFrom('shopify_webhook_inbox')
        .select('webhook_id')
        .where('webhook_id', '=', webhookId)
        .execute()
    ).length;

  it('stores a correctly signed delivery (the control: the receiver does accept real ones)', async () => {
    const id = randomUUID();
    const response = await deliver(signedDelivery(id));
    expect(response.statusCode, response.body).toBe(200);
    expect(await inboxRows(id)).toBe(1);
  });

  it.each(WEBHOOK_CASES.map((row) => [row.case, row] as const))(
    'POST /api/shopify/webhooks: %s',
    async (_, row) => {
      const id = randomUUID();
      if (row.deliveredBefore) expect((await deliver(row.delivery(id))).statusCode).toBe(200);
      const before = await snapshotState(t.db);
      const response = await deliver(row.delivery(id));
      expect(response.statusCode, response.body.slice(0, 300)).toBe(row.status);
      if (row.code !== null) {
        const { error } = response.json() as { error: { code: string; message: string } };
        expect(error.code).toBe(row.code);
        expect(error.message).toContain(row.says);
      }
      expect(changedTables(before, await snapshotState(t.db))).toEqual([]);
      expect(await inboxRows(id)).toBe(row.deliveredBefore ? 1 : 0);
    },
  );
});
