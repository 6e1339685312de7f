import { signWebhookBody } from '../../src/shopify/webhook-hmac.ts';
import { SHOP_DOMAIN, WEBHOOK_SECRET } from './bad-input-shop.ts';

/**
 * Bad deliveries to the Shopify webhook receiver (POST /api/shopify/webhooks). Each row is one test
 * in webhook.test.ts and one line of docs/bad-input.md. None may leave a trace: the inbox, and every
 * other table, stays as it was.
 */
export interface WebhookDelivery {
  body: string;
  headers: Record<string, string>;
}

export interface WebhookCase {
  case: string;
  example: string;
  delivery: (webhookId: string) => WebhookDelivery;
  /** Deliver this first (accepted), then the row's delivery must change nothing. */
  deliveredBefore?: boolean;
  status: number;
  code: string | null;
  says: string;
}

const ORDER = JSON.stringify({ id: 820982911946154500, name: '#1001', line_items: [] });

/** A delivery exactly as Shopify signs it; `change` alters it after signing. */
export function signedDelivery(
  webhookId: string,
  change: { body?: string; headers?: Record<string, string | undefined>; secret?: string } = {},
): WebhookDelivery {
  const signedBody = ORDER;
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-shopify-topic': 'orders/create',
    'x-shopify-shop-domain': SHOP_DOMAIN,
    'x-shopify-webhook-id': webhookId,
    'x-shopify-event-id': `evt-${webhookId}`,
    'x-shopify-triggered-at': new Date().toISOString(),
    'x-shopify-hmac-sha256': signWebhookBody(signedBody, change.secret ?? WEBHOOK_SECRET),
    ...change.headers,
  };
  return {
    body: change.body ?? signedBody,
    headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
  };
}

const withBody = (webhookId: string, body: string, headers: Record<string, string> = {}) =>
  signedDelivery(webhookId, {
    body,
    headers: { 'x-shopify-hmac-sha256': signWebhookBody(body, WEBHOOK_SECRET), ...headers },
  });

export const WEBHOOK_CASES: WebhookCase[] = [
  {
    case: 'forged signature',
    example: 'X-Shopify-Hmac-Sha256: a made-up base64 value',
    delivery: (id) =>
      signedDelivery(id, { headers: { 'x-shopify-hmac-sha256': 'Zm9yZ2VkLXNpZ25hdHVyZQ==' } }),
    status: 401,
    code: 'HMAC_INVALID',
    says: 'signature',
  },
  {
    case: 'signed with another secret',
    example: 'HMAC keyed with "guessed-secret"',
    delivery: (id) => signedDelivery(id, { secret: 'guessed-secret' }),
    status: 401,
    code: 'HMAC_INVALID',
    says: 'signature',
  },
  {
    case: 'body changed after signing',
    example: 'quantity edited in a signed order',
    delivery: (id) => signedDelivery(id, { body: ORDER.replace('#1001', '#9999') }),
    status: 401,
    code: 'HMAC_INVALID',
    says: 'signature',
  },
  {
    case: 'hex digest instead of base64',
    example: 'X-Shopify-Hmac-Sha256: <hex>',
    delivery: (id) =>
      signedDelivery(id, {
        headers: {
          'x-shopify-hmac-sha256': Buffer.from(signWebhookBody(ORDER, WEBHOOK_SECRET), 'base64').toString(
            'hex',
          ),
        },
      }),
    status: 401,
    code: 'HMAC_INVALID',
    says: 'signature',
  },
  {
    case: 'no signature header',
    example: '(no X-Shopify-Hmac-Sha256)',
    delivery: (id) => signedDelivery(id, { headers: { 'x-shopify-hmac-sha256': undefined } }),
    status: 401,
    code: 'HMAC_INVALID',
    says: 'signature',
  },
  {
    case: 'shop that is not connected',
    example: 'X-Shopify-Shop-Domain: someone-else.myshopify.com (correctly signed)',
    delivery: (id) =>
      signedDelivery(id, { headers: { 'x-shopify-shop-domain': 'someone-else.myshopify.com' } }),
    status: 401,
    code: 'UNKNOWN_SHOP',
    says: 'no connected store',
  },
  {
    case: 'no shop domain header',
    example: '(no X-Shopify-Shop-Domain)',
    delivery: (id) => signedDelivery(id, { headers: { 'x-shopify-shop-domain': undefined } }),
    status: 401,
    code: 'UNKNOWN_SHOP',
    says: 'no connected store',
  },
  {
    case: 'replayed delivery',
    example: 'the same X-Shopify-Webhook-Id a second time',
    delivery: (id) => signedDelivery(id),
    deliveredBefore: true,
    status: 200,
    code: null,
    says: 'counted once',
  },
  {
    case: 'correctly signed, not JSON',
    example: 'body "order=1001" signed with the right secret',
    delivery: (id) => withBody(id, 'order=1001'),
    status: 400,
    code: 'MALFORMED_JSON',
    says: 'not JSON',
  },
  {
    case: 'no webhook id',
    example: '(no X-Shopify-Webhook-Id)',
    delivery: (id) => signedDelivery(id, { headers: { 'x-shopify-webhook-id': undefined } }),
    status: 400,
    code: 'WEBHOOK_HEADERS_MISSING',
    says: 'X-Shopify-Webhook-Id',
  },
  {
    case: 'wrong content type, correctly signed',
    example: 'Content-Type: text/plain',
    delivery: (id) => signedDelivery(id, { headers: { 'content-type': 'text/plain' } }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    says: 'text/plain',
  },
  {
    case: 'form-encoded body',
    example: 'Content-Type: application/x-www-form-urlencoded',
    delivery: (id) =>
      signedDelivery(id, { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    says: 'application/x-www-form-urlencoded',
  },
  {
    case: 'body over 1 MiB',
    example: 'a 1 MiB + 1 byte order',
    delivery: (id) => withBody(id, `{"pad":"${'x'.repeat(1024 * 1024)}"}`),
    status: 413,
    code: 'BODY_TOO_LARGE',
    says: 'too large',
  },
];
