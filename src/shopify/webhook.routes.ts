import type { FastifyPluginAsync } from 'fastify';
import { isUniqueViolation } from '../db/portable-sql.ts';
import type { AppDeps } from '../server/app-deps.ts';
import { AppError } from '../shared/app-error.ts';
import { isoNow } from '../shared/clock.ts';
import { WEBHOOK_PATH } from './connect.service.ts';
import { loadConnection, webhookSecretOf } from './connection.repository.ts';
import { isValidWebhookHmac } from './webhook-hmac.ts';

/**
 * The webhook receiver. It does as little as possible before answering, because Shopify gives up
 * after 5 seconds: verify the HMAC over the raw bytes, check the shop, store the delivery in the
 * inbox (its webhook id is unique, so a duplicate delivery is stored once), answer 200. The inbox
 * processor does the work afterwards. A forged or foreign delivery gets 401 and leaves no trace.
 */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export const shopifyWebhookRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  // This plugin's scope only: keep the raw body, the HMAC is computed over the exact bytes. Shopify
  // sends JSON and nothing else; any other type (text/plain would be parsed as a string) gets 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.post(
    WEBHOOK_PATH,
    { schema: { tags: ['shopify'], summary: 'Shopify webhook deliveries (HMAC-verified)' } },
    async (request, reply) => {
      const raw = request.body as Buffer;
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const connection = await loadConnection(deps.db.kysely);
      const shopDomain = header('x-shopify-shop-domain');
      if (!connection || !shopDomain || shopDomain.toLowerCase() !== connection.shop_domain) {
        throw new AppError('unauthenticated', 'UNKNOWN_SHOP', 'no connected store matches this delivery');
      }
      if (
        !isValidWebhookHmac(raw, header('x-shopify-hmac-sha256'), webhookSecretOf(connection, deps.secretBox))
      ) {
        throw new AppError('unauthenticated', 'HMAC_INVALID', 'the webhook signature does not match');
      }
      const webhookId = header('x-shopify-webhook-id');
      const topic = header('x-shopify-topic');
      if (!webhookId || !topic) {
        throw new AppError(
          'validation',
          'WEBHOOK_HEADERS_MISSING',
          'X-Shopify-Webhook-Id and X-Shopify-Topic are required',
          'headers',
        );
      }
      try {
        JSON.parse(raw.toString('utf8'));
      } catch {
        throw new AppError('validation', 'MALFORMED_JSON', 'the webhook body is not JSON', '(body)');
      }
      try {
        await deps.db.kysely
          .insertInto('shopify_webhook_inbox')
          .values({
            webhook_id: webhookId,
            event_id: header('x-shopify-event-id') ?? null,
            topic,
            shop_domain: shopDomain.toLowerCase(),
            triggered_at: header('x-shopify-triggered-at') ?? null,
            payload: raw.toString('utf8'),
            received_at: isoNow(deps.clock),
            processed_at: null,
            attempts: 0,
            last_error: null,
            claimed_until: null,
          })
          .execute();
      } catch (error) {
        // The same delivery again: already stored, and Shopify only needs to hear 200.
        if (!isUniqueViolation(error)) throw error;
      }
      return reply.status(200).send({ ok: true });
    },
  );
};
