import { describe, expect, it } from 'vitest';
import { callbackAddressError, topicHeader } from './topics.ts';

describe('webhook topics and addresses', () => {
  it('turns topic enum values into header topics', () => {
    expect([
      topicHeader('ORDERS_CREATE'),
      topicHeader('INVENTORY_LEVELS_UPDATE'),
      topicHeader('REFUNDS_CREATE'),
    ]).toEqual(['orders/create', 'inventory_levels/update', 'refunds/create']);
  });
  it('accepts https anywhere and http only on loopback, with Shopify messages otherwise', () => {
    expect(callbackAddressError('https://pos.example.com/hooks')).toBeUndefined();
    expect(callbackAddressError('http://127.0.0.1:3000/hooks')).toBeUndefined();
    expect(callbackAddressError('http://pos.example.com/hooks')).toBe(
      'Address protocol http:// is not supported',
    );
    expect(callbackAddressError('')).toBe("Address can't be blank");
    expect(callbackAddressError('https://shop.myshopify.com/x')).toBe(
      'Address cannot be a Shopify or an internal domain',
    );
  });
});
