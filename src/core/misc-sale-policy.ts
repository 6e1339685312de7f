/**
 * Whether a misc line ("miscellaneous item": typed description and price, no product) may be sold.
 * Misc lines take no stock, so once Shopify is connected they make the shop's stock drift; the owner
 * can then switch them off or require a manager's PIN. With Shopify connected the stricter of the two
 * settings applies, so switching misc sales off in general also switches them off when connected.
 */
export type MiscSalesPolicy = 'off' | 'on' | 'manager_pin';

const STRICTNESS: Record<MiscSalesPolicy, number> = { on: 0, manager_pin: 1, off: 2 };

export function effectiveMiscPolicy(settings: {
  miscSales: MiscSalesPolicy;
  miscSalesWhenShopifyConnected: MiscSalesPolicy;
  shopifyConnected: boolean;
}): MiscSalesPolicy {
  if (!settings.shopifyConnected) return settings.miscSales;
  const connected = settings.miscSalesWhenShopifyConnected;
  return STRICTNESS[connected] > STRICTNESS[settings.miscSales] ? connected : settings.miscSales;
}

/** 'allowed', 'needs_approval' (a manager's PIN, unless the seller is a manager), or 'refused'. */
export function miscSaleDecision(
  policy: MiscSalesPolicy,
  sellerMayApprove: boolean,
): 'allowed' | 'needs_approval' | 'refused' {
  if (policy === 'off') return 'refused';
  if (policy === 'manager_pin' && !sellerMayApprove) return 'needs_approval';
  return 'allowed';
}
