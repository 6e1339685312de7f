import { formatMinor } from '../core/money.ts';

/**
 * First sync, the owner's choice "create POS-only products on Shopify": what one POS product
 * becomes in a `productSet` call (pure; the service sends it). The handle is derived from the POS
 * product id and passed both as the upsert identifier and as the input's handle, so a call repeated
 * after a crash updates the product it already created instead of making a second one.
 *
 * Shopify's limits (schema 2026-07): at most 3 options per product; 2048 variants per product, but
 * an input list holds at most 250 items, so one call carries at most 250 variants; at most 50,000
 * inventory quantities per call. A product beyond them is skipped with a reason, never cut down.
 */
export const MAX_SHOPIFY_OPTIONS = 3;
export const MAX_VARIANTS_PER_PRODUCT_SET = 250;
export const MAX_INVENTORY_QUANTITIES_PER_PRODUCT_SET = 50_000;

export interface PosProductForShopify {
  id: string;
  name: string;
  optionNames: string[];
  variants: Array<{
    id: string;
    title: string;
    optionValues: string[];
    sku: string | null;
    /** As printed; sent only when it is a GTIN (an internal code means nothing outside the shop). */
    barcode: string | null;
    barcodeIsGtin: boolean;
    priceMinor: number;
  }>;
}

export interface ProductSetPlan {
  handle: string;
  input: {
    title: string;
    handle: string;
    productOptions: Array<{ name: string; values: Array<{ name: string }> }>;
    variants: Array<{
      optionValues: Array<{ optionName: string; name: string }>;
      sku: string | null;
      barcode: string | null;
      price: string;
      inventoryItem: { tracked: true };
      inventoryQuantities: Array<{ locationId: string; name: 'available'; quantity: number }>;
    }>;
  };
  /** POS variant id by the variant's option values joined with OPTION_KEY_SEPARATOR. */
  variantByOptions: Map<string, string>;
}

export const OPTION_KEY_SEPARATOR = '\u001f';
const DEFAULT_OPTION = { name: 'Title', value: 'Default Title' };

export function handleForPosProduct(product: { id: string; name: string }): string {
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const name = slug(product.name).slice(0, 60).replace(/-+$/, '');
  return name ? `${name}-${slug(product.id)}` : slug(product.id);
}

export function planProductSet(
  product: PosProductForShopify,
  shopifyLocationIds: readonly string[],
): { ok: true; plan: ProductSetPlan } | { ok: false; reason: string } {
  const { variants } = product;
  if (variants.length === 0) return { ok: false, reason: 'it has no active variants' };
  if (variants.length > MAX_VARIANTS_PER_PRODUCT_SET)
    return {
      ok: false,
      reason: `it has ${variants.length} variants; one Shopify call takes at most ${MAX_VARIANTS_PER_PRODUCT_SET}`,
    };
  if (variants.length * shopifyLocationIds.length > MAX_INVENTORY_QUANTITIES_PER_PRODUCT_SET)
    return { ok: false, reason: 'it has too many variants for the number of mapped locations' };
  // A product without options but with several variants (possible in the POS) gets one option
  // whose values are the variant titles, as the import from Shopify does the other way round.
  const optionNames =
    product.optionNames.length > 0
      ? product.optionNames
      : variants.length > 1
        ? ['Variant']
        : [DEFAULT_OPTION.name];
  if (optionNames.length > MAX_SHOPIFY_OPTIONS)
    return {
      ok: false,
      reason: `it has ${optionNames.length} options; Shopify allows ${MAX_SHOPIFY_OPTIONS}`,
    };
  const valuesOf = (variant: PosProductForShopify['variants'][number]): string[] =>
    product.optionNames.length > 0
      ? variant.optionValues.map((v) => v.trim())
      : variants.length > 1
        ? [variant.title.trim()]
        : [DEFAULT_OPTION.value];

  const variantByOptions = new Map<string, string>();
  const optionValues = optionNames.map(() => [] as string[]);
  for (const variant of variants) {
    const values = valuesOf(variant);
    if (values.length !== optionNames.length || values.some((v) => v === ''))
      return { ok: false, reason: `variant "${variant.title}" lacks a value for some option` };
    const key = values.join(OPTION_KEY_SEPARATOR);
    if (variantByOptions.has(key))
      return { ok: false, reason: `two variants have the same options (${values.join(' / ')})` };
    variantByOptions.set(key, variant.id);
    values.forEach((value, i) => {
      if (!optionValues[i]!.includes(value)) optionValues[i]!.push(value);
    });
  }

  const handle = handleForPosProduct(product);
  return {
    ok: true,
    plan: {
      handle,
      variantByOptions,
      input: {
        title: product.name,
        handle,
        productOptions: optionNames.map((name, i) => ({
          name,
          values: optionValues[i]!.map((value) => ({ name: value })),
        })),
        variants: variants.map((variant) => ({
          optionValues: valuesOf(variant).map((name, i) => ({ optionName: optionNames[i]!, name })),
          sku: variant.sku,
          barcode: variant.barcodeIsGtin ? variant.barcode : null,
          price: formatMinor(variant.priceMinor),
          inventoryItem: { tracked: true },
          // Stocked at zero: once linked, the reconciliation sets the POS figure (less any buffer).
          inventoryQuantities: shopifyLocationIds.map((locationId) => ({
            locationId,
            name: 'available' as const,
            quantity: 0,
          })),
        })),
      },
    },
  };
}
