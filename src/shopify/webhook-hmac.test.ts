import { describe, expect, it } from 'vitest';
import { isValidWebhookHmac, signWebhookBody } from './webhook-hmac.ts';

describe('webhook HMAC', () => {
  const body = Buffer.from('{"id":1,"line_items":[]}');

  it('accepts the base64 HMAC-SHA256 of the raw body with the app secret', () => {
    expect(isValidWebhookHmac(body, signWebhookBody(body, 'secret'), 'secret')).toBe(true);
  });

  it('refuses a changed body, another secret, a hex digest and a missing header', () => {
    const signature = signWebhookBody(body, 'secret');
    expect(isValidWebhookHmac(Buffer.from('{"id":2,"line_items":[]}'), signature, 'secret')).toBe(false);
    expect(isValidWebhookHmac(body, signature, 'other')).toBe(false);
    expect(isValidWebhookHmac(body, Buffer.from(signature, 'base64').toString('hex'), 'secret')).toBe(false);
    expect(isValidWebhookHmac(body, undefined, 'secret')).toBe(false);
  });
});
