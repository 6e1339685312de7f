import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify signs each webhook with HMAC-SHA256 over the raw body bytes, base64, keyed with the app's
 * secret (shopify/NOTES.md §7). Verify against the raw bytes — never a re-serialised JSON — and
 * compare in constant time.
 */
export function signWebhookBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export function isValidWebhookHmac(
  rawBody: Buffer,
  headerValue: string | undefined,
  secret: string,
): boolean {
  if (!headerValue) return false;
  const expected = Buffer.from(signWebhookBody(rawBody, secret), 'base64');
  const given = Buffer.from(headerValue, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
