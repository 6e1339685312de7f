import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { AppError, forbidden, invalid } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { SHOP_AND_SCOPES } from './operations/connection.ts';
import { WEBHOOK_SUBSCRIPTION_CREATE } from './operations/webhook-subscription-create.ts';
import { createShopifyGraphql, type ShopifyGraphql, staticToken } from './shopify-graphql.ts';
import { requestClientCredentialsToken } from './token-source.ts';

/**
 * Connecting a store: check the plan, get a token (given, or by the client-credentials grant),
 * check that the token answers and holds the scopes the sync needs, register our webhooks, and
 * only then store the connection with every secret sealed. Nothing is stored when a step fails.
 */
export const REQUIRED_SCOPES = [
  'read_products',
  'write_products',
  'read_inventory',
  'write_inventory',
  'read_locations',
  'read_orders',
] as const;

export const WEBHOOK_TOPICS = [
  'ORDERS_CREATE',
  'ORDERS_UPDATED',
  'ORDERS_CANCELLED',
  'ORDERS_FULFILLED',
  'REFUNDS_CREATE',
  'INVENTORY_LEVELS_UPDATE',
] as const;

export const WEBHOOK_PATH = '/api/shopify/webhooks';

export type ConnectCredentials =
  | { kind: 'access_token'; accessToken: string }
  | { kind: 'client_credentials'; clientId: string; clientSecret: string };

export interface ConnectInput {
  shopDomain: string;
  credentials: ConnectCredentials;
  /** The app's API secret (client secret): the key Shopify signs webhooks with. */
  apiSecret: string;
  /** Public https base URL Shopify can reach us at; webhooks are not registered without one. */
  webhookBaseUrl?: string | undefined;
  /** The sandbox's origin; undefined for a real store. */
  apiOrigin?: string | undefined;
}

export type Plan = 'free' | 'pro' | 'pay';

export function assertPlanIncludesIntegration(plan: Plan): void {
  if (plan === 'free') {
    throw forbidden(
      'PLAN_EXCLUDES_SHOPIFY',
      'The Shopify integration is included with the Pro and Pay plans; this shop is on the Free plan.',
    );
  }
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export async function connectShopify(
  db: Kysely<Database>,
  deps: { clock: Clock; secretBox: SecretBox },
  plan: Plan,
  input: ConnectInput,
): Promise<{ shopName: string; scopes: string[]; webhooks: number }> {
  assertPlanIncludesIntegration(plan);
  const shopDomain = input.shopDomain.trim().toLowerCase();
  if (!SHOP_DOMAIN.test(shopDomain)) {
    throw invalid('SHOP_DOMAIN_INVALID', 'shop domain must look like your-shop.myshopify.com', 'shopDomain');
  }

  let accessToken: string;
  let tokenExpiresAt: string | null = null;
  if (input.credentials.kind === 'access_token') {
    accessToken = input.credentials.accessToken;
  } else {
    try {
      const issued = await requestClientCredentialsToken({
        shopDomain,
        clientId: input.credentials.clientId,
        clientSecret: input.credentials.clientSecret,
        apiOrigin: input.apiOrigin ?? null,
        clock: deps.clock,
      });
      accessToken = issued.accessToken;
      tokenExpiresAt = issued.expiresAt;
    } catch (error) {
      throw invalid('SHOPIFY_CREDENTIALS_REFUSED', errorText(error), 'clientSecret');
    }
  }

  const shopify = createShopifyGraphql({
    shopDomain,
    tokens: staticToken(accessToken),
    apiOrigin: input.apiOrigin,
  });
  const { shopName, scopes } = await grantedScopes(shopify);
  const missing = REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope) && !impliedBy(scope, scopes));
  if (missing.length > 0) {
    throw invalid(
      'SHOPIFY_SCOPES_MISSING',
      `the app lacks these access scopes: ${missing.join(', ')}. Add them to the app in Shopify and reinstall it.`,
      'credentials',
      { missing },
    );
  }

  let webhooks = 0;
  if (input.webhookBaseUrl)
    webhooks = await registerWebhooks(shopify, `${input.webhookBaseUrl.replace(/\/$/, '')}${WEBHOOK_PATH}`);

  const now = isoNow(deps.clock);
  const row = {
    shop_domain: shopDomain,
    auth_kind: input.credentials.kind,
    access_token_sealed: deps.secretBox.seal(accessToken),
    client_id: input.credentials.kind === 'client_credentials' ? input.credentials.clientId : null,
    client_secret_sealed:
      input.credentials.kind === 'client_credentials'
        ? deps.secretBox.seal(input.credentials.clientSecret)
        : null,
    api_secret_sealed: deps.secretBox.seal(input.apiSecret),
    token_expires_at: tokenExpiresAt,
    granted_scopes: scopes.join(','),
    api_origin: input.apiOrigin ?? null,
    webhook_base_url: input.webhookBaseUrl ?? null,
    connected_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('shopify_connection')
      .values({ id: 1, ...row, integration_started_at: null, default_buffer: 0, edit_policy: 'override' })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    // The till's misc-sale rule for connected shops reads this.
    await trx.updateTable('shop_settings').set({ shopify_connected_at: now }).execute();
  });
  return { shopName, scopes, webhooks };
}

async function grantedScopes(shopify: ShopifyGraphql): Promise<{ shopName: string; scopes: string[] }> {
  const result = await shopify.request<{
    shop: { name: string };
    currentAppInstallation: { accessScopes: Array<{ handle: string }> };
  }>(SHOP_AND_SCOPES);
  if (!result.ok) {
    if (result.kind === 'unauthorized') {
      throw invalid('SHOPIFY_TOKEN_REFUSED', 'Shopify refused the access token (401)', 'accessToken');
    }
    throw new AppError(
      'validation',
      'SHOPIFY_UNREACHABLE',
      `could not reach the store: ${result.message}`,
      'shopDomain',
    );
  }
  return {
    shopName: result.data.shop.name,
    scopes: result.data.currentAppInstallation.accessScopes.map((s) => s.handle),
  };
}

/** Shopify grants write_x without listing read_x separately. */
function impliedBy(scope: string, granted: readonly string[]): boolean {
  return scope.startsWith('read_') && granted.includes(`write_${scope.slice('read_'.length)}`);
}

async function registerWebhooks(shopify: ShopifyGraphql, uri: string): Promise<number> {
  let registered = 0;
  for (const topic of WEBHOOK_TOPICS) {
    const result = await shopify.request<{
      webhookSubscriptionCreate: {
        webhookSubscription: { id: string } | null;
        userErrors: Array<{ message: string }>;
      };
    }>(WEBHOOK_SUBSCRIPTION_CREATE, { topic, uri });
    if (!result.ok)
      throw invalid(
        'SHOPIFY_WEBHOOK_FAILED',
        `could not register ${topic}: ${result.message}`,
        'webhookBaseUrl',
      );
    const errors = result.data.webhookSubscriptionCreate.userErrors;
    // An existing identical subscription is not a failure: reconnecting must be safe.
    if (errors.length > 0 && !errors.every((e) => /already|taken/i.test(e.message))) {
      throw invalid(
        'SHOPIFY_WEBHOOK_FAILED',
        `could not register ${topic}: ${errors.map((e) => e.message).join('; ')}`,
        'webhookBaseUrl',
      );
    }
    registered++;
  }
  return registered;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
