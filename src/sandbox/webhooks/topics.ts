/** `ORDERS_CREATE` ↔ `orders/create`: the enum splits at its last underscore. Pure. */
export function topicHeader(enumValue: string): string {
  const at = enumValue.lastIndexOf('_');
  return `${enumValue.slice(0, at)}/${enumValue.slice(at + 1)}`.toLowerCase();
}

/**
 * Shopify accepts only https callback addresses; the sandbox also accepts http on loopback addresses
 * (its one documented deviation) so a local POS can receive deliveries. Answers Shopify's message.
 */
export function callbackAddressError(uri: string | null | undefined): string | undefined {
  if (!uri || !uri.trim()) return "Address can't be blank";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'Address is invalid';
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && !loopback) return 'Address protocol http:// is not supported';
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `Address protocol ${url.protocol}// is not supported`;
  if (/(^|\.)(shopify\.com|myshopify\.com|shopifycloud\.com)$/.test(url.hostname))
    return 'Address cannot be a Shopify or an internal domain';
  return undefined;
}
