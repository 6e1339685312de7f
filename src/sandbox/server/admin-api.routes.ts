import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context.ts';
import { grantClientCredentials, shopForToken } from '../control/shops.service.ts';
import { executeAdmin } from '../graphql/execute-admin.ts';
import type { SandboxRuntime } from '../sandbox-runtime.ts';

const UNAUTHORIZED = {
  errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
};
const failureBodies: Record<number, unknown> = {
  429: {
    errors:
      'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
  },
  500: { errors: 'Internal Server Error' },
  502: { errors: 'Bad Gateway' },
  503: { errors: 'Service Unavailable' },
};

/** `POST /admin/api/<version>/graphql.json`, with Shopify's 401 and the API fault knobs. */
export function registerAdminApiRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  app.post<{ Params: { version: string } }>('/admin/api/:version/graphql.json', async (request, reply) => {
    const token = request.headers['x-shopify-access-token'];
    const shop = typeof token === 'string' ? shopForToken(runtime.db, token, runtime.clock.now()) : undefined;
    if (!shop) return reply.code(401).send(UNAUTHORIZED);
    const knobs = runtime.faults.get(shop.id);
    if (runtime.faults.roll(shop.id, knobs.apiFailureRate)) {
      const status = runtime.faults.pick(shop.id, knobs.apiFailureStatuses) ?? 503;
      if (status === 429) reply.header('Retry-After', '1.0');
      return reply.code(status).send(failureBodies[status] ?? { errors: 'Error' });
    }
    const ctx: SandboxContext = { db: runtime.db, shop, clock: runtime.clock, events: [], runtime };
    const body = (request.body ?? {}) as Record<string, unknown>;
    const response = await executeAdmin(ctx, runtime.buckets, knobs.bucketScale, body);
    if (ctx.events.length) runtime.onEvents(shop.id, ctx.events);
    const isMutation = typeof body.query === 'string' && /^\s*mutation\b/.test(body.query);
    if (isMutation && runtime.faults.roll(shop.id, knobs.timeoutAfterApplyRate)) {
      // The mutation has been applied; the client only sees a gateway timeout.
      return reply.code(504).send({ errors: 'Gateway Timeout' });
    }
    reply.header('X-Shopify-API-Version', runtime.apiVersion);
    return reply.code(response.status).send(response.body);
  });

  app.post('/admin/oauth/access_token', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (
      body.grant_type !== 'client_credentials' ||
      typeof body.client_id !== 'string' ||
      typeof body.client_secret !== 'string'
    ) {
      return reply.code(400).send({
        error: 'invalid_request',
        error_description: 'grant_type, client_id and client_secret are required',
      });
    }
    const grant = grantClientCredentials(
      runtime.db,
      runtime.clock,
      body.client_id,
      body.client_secret,
      runtime.tokenTtlSeconds,
    );
    if (!grant)
      return reply
        .code(401)
        .send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    return {
      access_token: grant.token,
      scope:
        'read_products,write_products,read_inventory,write_inventory,read_orders,write_orders,read_locations',
      expires_in: grant.expiresIn,
    };
  });
}
