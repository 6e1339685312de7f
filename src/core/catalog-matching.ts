import { normaliseBarcode } from './gtin.ts';

/**
 * First-sync matching (DESIGN §1 "Shopify integration"), pure. POS variants and Shopify variants
 * are matched by normalised barcode (GTIN-14) first, then by SKU. Anything ambiguous is a conflict
 * for the owner to decide, never a guess: duplicate barcodes on either side, invalid barcodes, and a
 * barcode match whose SKUs disagree. Nothing here changes data; the preview is built from it.
 */
export interface PosVariantForMatching {
  id: string;
  sku: string | null;
  /** GTIN-14, or null when the variant has no GTIN (internal codes do not match across systems). */
  gtin: string | null;
}

export interface ShopifyVariantForMatching {
  id: string;
  sku: string | null;
  barcode: string | null;
}

export type MatchConflict =
  | { kind: 'duplicate_barcode_shopify'; gtin: string; shopifyIds: string[] }
  | { kind: 'duplicate_barcode_pos'; gtin: string; posIds: string[] }
  | { kind: 'invalid_barcode_shopify'; shopifyId: string; barcode: string }
  | {
      kind: 'barcode_match_sku_differs';
      posId: string;
      shopifyId: string;
      posSku: string;
      shopifySku: string;
    }
  | { kind: 'duplicate_sku'; sku: string; posIds: string[]; shopifyIds: string[] };

export interface MatchResult {
  matched: Array<{ posId: string; shopifyId: string; by: 'barcode' | 'sku' }>;
  posOnly: string[];
  shopifyOnly: string[];
  conflicts: MatchConflict[];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const cleanSku = (sku: string | null) => (sku && sku.trim() !== '' ? sku.trim() : null);

export function matchCatalogs(
  pos: readonly PosVariantForMatching[],
  shopify: readonly ShopifyVariantForMatching[],
): MatchResult {
  const result: MatchResult = { matched: [], posOnly: [], shopifyOnly: [], conflicts: [] };
  const linkedPos = new Set<string>();
  const linkedShopify = new Set<string>();
  const inConflict = new Set<string>();

  const shopifyGtin = new Map<string, string>();
  for (const variant of shopify) {
    if (!variant.barcode || variant.barcode.trim() === '') continue;
    // A barcode that is not a valid GTIN (a typo, or a shop's own code) cannot match by barcode:
    // it is reported, and the variant may still match by SKU.
    const normalised = normaliseBarcode(variant.barcode.trim());
    if (normalised.ok) shopifyGtin.set(variant.id, normalised.gtin14);
    else {
      result.conflicts.push({
        kind: 'invalid_barcode_shopify',
        shopifyId: variant.id,
        barcode: variant.barcode,
      });
    }
  }

  const posByGtin = groupBy(pos, (v) => v.gtin);
  const shopifyByGtin = groupBy(shopify, (v) => shopifyGtin.get(v.id) ?? null);
  for (const [gtin, group] of posByGtin) {
    if (group.length > 1) {
      result.conflicts.push({ kind: 'duplicate_barcode_pos', gtin, posIds: group.map((v) => v.id) });
      for (const v of group) inConflict.add(v.id);
    }
  }
  for (const [gtin, group] of shopifyByGtin) {
    if (group.length > 1) {
      result.conflicts.push({ kind: 'duplicate_barcode_shopify', gtin, shopifyIds: group.map((v) => v.id) });
      // The POS items carrying that barcode are part of the same ambiguity.
      for (const v of [...group, ...(posByGtin.get(gtin) ?? [])]) inConflict.add(v.id);
    }
  }

  // 1. Barcode: a unique GTIN on both sides.
  for (const [gtin, posGroup] of posByGtin) {
    const shopifyGroup = shopifyByGtin.get(gtin);
    if (posGroup.length !== 1 || shopifyGroup?.length !== 1) continue;
    const [p] = posGroup as [PosVariantForMatching];
    const [s] = shopifyGroup as [ShopifyVariantForMatching];
    const posSku = cleanSku(p.sku);
    const shopifySku = cleanSku(s.sku);
    if (posSku && shopifySku && posSku !== shopifySku) {
      result.conflicts.push({
        kind: 'barcode_match_sku_differs',
        posId: p.id,
        shopifyId: s.id,
        posSku,
        shopifySku,
      });
      inConflict.add(p.id);
      inConflict.add(s.id);
      continue;
    }
    result.matched.push({ posId: p.id, shopifyId: s.id, by: 'barcode' });
    linkedPos.add(p.id);
    linkedShopify.add(s.id);
  }

  // 2. SKU, among what is left and not in conflict.
  const free = <T extends { id: string }>(v: T, linked: Set<string>) =>
    !linked.has(v.id) && !inConflict.has(v.id);
  const posBySku = groupBy(
    pos.filter((v) => free(v, linkedPos)),
    (v) => cleanSku(v.sku),
  );
  const shopifyBySku = groupBy(
    shopify.filter((v) => free(v, linkedShopify)),
    (v) => cleanSku(v.sku),
  );
  for (const [sku, posGroup] of posBySku) {
    const shopifyGroup = shopifyBySku.get(sku);
    if (!shopifyGroup) continue;
    if (posGroup.length !== 1 || shopifyGroup.length !== 1) {
      result.conflicts.push({
        kind: 'duplicate_sku',
        sku,
        posIds: posGroup.map((v) => v.id),
        shopifyIds: shopifyGroup.map((v) => v.id),
      });
      for (const v of [...posGroup, ...shopifyGroup]) inConflict.add(v.id);
      continue;
    }
    const [p] = posGroup as [PosVariantForMatching];
    const [s] = shopifyGroup as [ShopifyVariantForMatching];
    result.matched.push({ posId: p.id, shopifyId: s.id, by: 'sku' });
    linkedPos.add(p.id);
    linkedShopify.add(s.id);
  }

  result.posOnly = pos.filter((v) => free(v, linkedPos)).map((v) => v.id);
  result.shopifyOnly = shopify.filter((v) => free(v, linkedShopify)).map((v) => v.id);
  return result;
}
