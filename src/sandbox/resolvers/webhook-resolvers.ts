import type { SandboxContext } from '../context.ts';
import { gid, parseGid } from '../gid.ts';
import { connection, type PageArgs, pageInMemory } from '../graphql/connection.ts';
import { nowText } from '../shopify-time.ts';
import { allocateIds } from '../store/sandbox-db.ts';
import { sql } from '../store/statements.ts';
import { callbackAddressError } from '../webhooks/topics.ts';

export interface SubscriptionRow {
  id: number;
  shop_id: number;
  topic: string;
  uri: string;
  format: string;
  filter: string | null;
  include_fields: string;
  created_at: string;
  updated_at: string;
}

function subscriptionModel(row: SubscriptionRow) {
  return {
    __typename: 'WebhookSubscription',
    id: gid('WebhookSubscription', row.id),
    legacyResourceId: String(row.id),
    topic: row.topic,
    format: row.format,
    uri: row.uri,
    filter: row.filter,
    includeFields: JSON.parse(row.include_fields) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: row.uri },
  };
}

function findSubscription(ctx: SandboxContext, id: string): SubscriptionRow | undefined {
  const numeric = parseGid(id, 'WebhookSubscription');
  return numeric === undefined
    ? undefined
    : (sql(ctx.db, 'SELECT * FROM webhook_subscriptions WHERE id = ? AND shop_id = ?').get(
        numeric,
        ctx.shop.id,
      ) as SubscriptionRow | undefined);
}

interface CreateArgs {
  topic: string;
  webhookSubscription: {
    uri?: string | null;
    callbackUrl?: string | null;
    format?: string | null;
    includeFields?: string[] | null;
    filter?: string | null;
  };
}

export const webhookQueries = {
  webhookSubscription: (args: { id: string }, ctx: SandboxContext) => {
    const row = findSubscription(ctx, args.id);
    return row ? subscriptionModel(row) : null;
  },
  webhookSubscriptions: (args: PageArgs, ctx: SandboxContext) => {
    const rows = sql(ctx.db, 'SELECT * FROM webhook_subscriptions WHERE shop_id = ? ORDER BY id').all(
      ctx.shop.id,
    ) as SubscriptionRow[];
    return connection(pageInMemory(args, rows), subscriptionModel, (row) => row.created_at);
  },
};

export const webhookMutations = {
  webhookSubscriptionCreate: (args: CreateArgs, ctx: SandboxContext) => {
    const uri = args.webhookSubscription.uri ?? args.webhookSubscription.callbackUrl ?? '';
    const error = callbackAddressError(uri);
    if (error)
      return {
        webhookSubscription: null,
        userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: error }],
      };
    const id = allocateIds(ctx.db);
    const now = nowText(ctx.clock);
    sql(
      ctx.db,
      `INSERT INTO webhook_subscriptions (id, shop_id, topic, uri, format, filter, include_fields, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      ctx.shop.id,
      args.topic,
      uri,
      args.webhookSubscription.format ?? 'JSON',
      args.webhookSubscription.filter ?? null,
      JSON.stringify(args.webhookSubscription.includeFields ?? []),
      now,
      now,
    );
    const row = sql(ctx.db, 'SELECT * FROM webhook_subscriptions WHERE id = ?').get(id) as SubscriptionRow;
    return { webhookSubscription: subscriptionModel(row), userErrors: [] };
  },
  webhookSubscriptionDelete: (args: { id: string }, ctx: SandboxContext) => {
    const row = findSubscription(ctx, args.id);
    if (!row)
      return {
        deletedWebhookSubscriptionId: null,
        userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }],
      };
    sql(ctx.db, 'DELETE FROM webhook_subscriptions WHERE id = ?').run(row.id);
    return { deletedWebhookSubscriptionId: gid('WebhookSubscription', row.id), userErrors: [] };
  },
};
