import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../server/app-deps.ts';
import { actorWith, requirePermission } from '../server/authenticate.ts';
import { getShopSettings } from '../settings/settings.repository.ts';
import { invalid, notFound } from '../shared/app-error.ts';
import { connectShopify, type Plan } from './connect.service.ts';
import { loadConnection } from './connection.repository.ts';
import { replaceLocationMap, startSyncAtNewLocations } from './location-map.service.ts';
import { SHOP_AND_LOCATIONS } from './operations/shop-and-locations.ts';
import type { ShopifyGraphql } from './shopify-graphql.ts';
import { createSyncClientProvider } from './sync-client.ts';
import { readSyncStatus } from './sync-status.repository.ts';

/** A product's own safety buffer, as the sync page lists it. */
export interface ProductBuffer {
  productId: string;
  productName: string;
  buffer: number;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

export const shopifyConnectionRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const db = deps.db.kysely;
  const clientFor = createSyncClientProvider(db, deps);

  app.post(
    '/api/shopify/connect',
    {
      preHandler: requirePermission('integration.manage'),
      schema: {
        tags: ['shopify'],
        summary: 'Connect a Shopify store (custom-app token, or Dev Dashboard client id and secret)',
        body: Type.Object(
          {
            shopDomain: Type.String({ minLength: 1, maxLength: 255 }),
            accessToken: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            apiSecret: Type.String({ minLength: 1, maxLength: 500 }),
            webhookBaseUrl: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 500 })),
            apiOrigin: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const body = request.body;
      if (body.apiOrigin !== undefined && !LOOPBACK_ORIGIN.test(body.apiOrigin)) {
        throw invalid(
          'API_ORIGIN_NOT_LOOPBACK',
          'apiOrigin is only for the local sandbox (http://127.0.0.1:PORT)',
          'apiOrigin',
        );
      }
      const credentials = body.accessToken
        ? { kind: 'access_token' as const, accessToken: body.accessToken }
        : body.clientId && body.clientSecret
          ? { kind: 'client_credentials' as const, clientId: body.clientId, clientSecret: body.clientSecret }
          : undefined;
      if (!credentials) {
        throw invalid(
          'CREDENTIALS_MISSING',
          'give either accessToken, or clientId and clientSecret',
          'accessToken',
        );
      }
      const plan = await shopPlan(deps);
      const result = await connectShopify(db, deps, plan, {
        shopDomain: body.shopDomain,
        credentials,
        apiSecret: body.apiSecret,
        webhookBaseUrl: body.webhookBaseUrl,
        apiOrigin: body.apiOrigin,
      });
      return result;
    },
  );

  app.get(
    '/api/shopify/status',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: 'Connection and sync health' },
    },
    async () => {
      const connection = await loadConnection(db);
      if (!connection) return { connected: false, plan: await shopPlan(deps) };
      const mappings = await db.selectFrom('shopify_location_map').selectAll().execute();
      return {
        connected: true,
        plan: await shopPlan(deps),
        shopDomain: connection.shop_domain,
        authKind: connection.auth_kind,
        scopes: connection.granted_scopes.split(',').filter(Boolean),
        sandbox: connection.api_origin !== null,
        integrationStartedAt: connection.integration_started_at,
        defaultBuffer: connection.default_buffer,
        editPolicy: connection.edit_policy,
        locations: mappings.map((m) => ({
          locationId: m.location_id,
          shopifyLocationId: m.shopify_location_id,
        })),
        throttle: deps.shopifySync?.shopifyClient()?.throttleStatus() ?? null,
        ...(await readSyncStatus(db)),
      };
    },
  );

  app.get(
    '/api/shopify/locations',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: "The store's Shopify locations" },
    },
    async () => {
      const sync = await clientFor();
      if (!sync) throw notFound('NOT_CONNECTED', 'no Shopify store is connected');
      return readShopifyLocations(sync.shopify);
    },
  );

  app.put(
    '/api/shopify/location-map',
    {
      preHandler: requirePermission('integration.manage'),
      schema: {
        tags: ['shopify'],
        summary: 'Map each POS location to a Shopify location',
        body: Type.Object(
          {
            mappings: Type.Array(
              Type.Object(
                {
                  locationId: Type.String({ minLength: 1 }),
                  shopifyLocationId: Type.String({ pattern: '^gid://shopify/Location/\\d+$' }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 100 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { mappings } = request.body;
      const posIds = mappings.map((m) => m.locationId);
      const shopifyIds = mappings.map((m) => m.shopifyLocationId);
      if (new Set(posIds).size !== posIds.length || new Set(shopifyIds).size !== shopifyIds.length) {
        throw invalid('MAPPING_NOT_ONE_TO_ONE', 'each location may appear once on each side', 'mappings');
      }
      const known = posIds.length
        ? await db.selectFrom('locations').select('id').where('id', 'in', posIds).execute()
        : [];
      const missing = posIds.find((id) => !known.some((k) => k.id === id));
      if (missing) throw invalid('LOCATION_NOT_FOUND', `no POS location ${missing}`, 'mappings.locationId');
      const sync = await clientFor();
      if (sync && shopifyIds.length > 0) {
        const shopifyLocations = await readShopifyLocations(sync.shopify);
        const unknown = shopifyIds.find((id) => !shopifyLocations.some((l) => l.id === id));
        if (unknown)
          throw invalid(
            'SHOPIFY_LOCATION_NOT_FOUND',
            `the store has no location ${unknown}`,
            'mappings.shopifyLocationId',
          );
      }
      const added = await replaceLocationMap(db, mappings);
      // Before the first sync there is nothing to start: the first sync starts every mapped location.
      const syncing = sync?.connection.integration_started_at ? sync : undefined;
      const pointsStarted = syncing ? await startSyncAtNewLocations(db, deps, syncing.shopify, added) : 0;
      if (pointsStarted > 0) deps.shopifySync?.kick();
      return { mappings, pointsStarted };
    },
  );

  // Buffers decide how much stock is offered online, a stock decision a manager may take; what to do
  // with edits made in Shopify is the owner's, like the rest of the connection.
  app.put(
    '/api/shopify/settings',
    {
      preHandler: requirePermission('stock.write'),
      schema: {
        tags: ['shopify'],
        summary: 'Default safety buffer and what to do with stock edited in Shopify',
        body: Type.Object(
          {
            defaultBuffer: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
            editPolicy: Type.Optional(Type.Union([Type.Literal('override'), Type.Literal('accept')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { defaultBuffer, editPolicy } = request.body;
      if (editPolicy !== undefined) actorWith(request, 'integration.manage');
      if (!(await loadConnection(db))) throw notFound('NOT_CONNECTED', 'no Shopify store is connected');
      await db
        .updateTable('shopify_connection')
        .set({
          ...(defaultBuffer !== undefined ? { default_buffer: defaultBuffer } : {}),
          ...(editPolicy !== undefined ? { edit_policy: editPolicy } : {}),
        })
        .where('id', '=', 1)
        .execute();
      await queueBufferChange(deps);
      return { ok: true };
    },
  );

  app.get(
    '/api/shopify/buffers',
    {
      preHandler: requirePermission('integration.read'),
      schema: { tags: ['shopify'], summary: 'The products with a safety buffer of their own' },
    },
    async (): Promise<ProductBuffer[]> =>
      db
        .selectFrom('shopify_product_buffers as b')
        .innerJoin('products as p', 'p.id', 'b.product_id')
        .select(['b.product_id as productId', 'p.name as productName', 'b.buffer'])
        .orderBy('p.name')
        .limit(1000)
        .execute(),
  );

  app.put(
    '/api/shopify/buffers/:productId',
    {
      preHandler: requirePermission('stock.write'),
      schema: {
        tags: ['shopify'],
        summary: "A product's own safety buffer (null: use the default)",
        params: Type.Object({ productId: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Object(
          { buffer: Type.Union([Type.Integer({ minimum: 0, maximum: 100000 }), Type.Null()]) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const product = await db
        .selectFrom('products')
        .select('id')
        .where('id', '=', request.params.productId)
        .executeTakeFirst();
      if (!product) throw notFound('PRODUCT_NOT_FOUND', `no product ${request.params.productId}`);
      const { buffer } = request.body;
      if (buffer === null)
        await db.deleteFrom('shopify_product_buffers').where('product_id', '=', product.id).execute();
      else {
        await db
          .insertInto('shopify_product_buffers')
          .values({ product_id: product.id, buffer })
          .onConflict((oc) => oc.column('product_id').doUpdateSet({ buffer }))
          .execute();
      }
      await queueBufferChange(deps, product.id);
      return { productId: product.id, buffer };
    },
  );
};

/** A buffer change moves what Shopify should show without a movement: queue every affected point. */
async function queueBufferChange(deps: AppDeps, productId?: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.kysely
    .insertInto('sync_outbox')
    .columns(['variant_id', 'location_id', 'movement_id', 'push_id', 'created_at'])
    .expression((eb) => {
      let query = eb
        .selectFrom('shopify_sync_points as point')
        .innerJoin('product_variants as v', 'v.id', 'point.variant_id')
        .select([
          'point.variant_id',
          'point.location_id',
          sql<string>`${`buffer:${now}:`} || point.variant_id || ':' || point.location_id`.as('movement_id'),
          sql<null>`null`.as('push_id'),
          eb.val(now).as('created_at'),
        ]);
      if (productId) query = query.where('v.product_id', '=', productId);
      return query;
    })
    .execute();
  deps.shopifySync?.kick();
}

export interface ShopifyLocation {
  id: string;
  name: string;
  isActive: boolean;
}

async function readShopifyLocations(shopify: ShopifyGraphql): Promise<ShopifyLocation[]> {
  const result = await shopify.request<{ locations: { nodes: ShopifyLocation[] } }>(SHOP_AND_LOCATIONS, {
    first: 250,
  });
  if (!result.ok)
    throw invalid('SHOPIFY_UNREACHABLE', `could not read locations: ${result.message}`, 'shopify');
  return result.data.locations.nodes;
}

async function shopPlan(deps: AppDeps): Promise<Plan> {
  return (await getShopSettings(deps.db.kysely)).plan;
}
