import { describe, expect, it } from 'vitest';
import {
  handleForPosProduct,
  MAX_VARIANTS_PER_PRODUCT_SET,
  OPTION_KEY_SEPARATOR,
  type PosProductForShopify,
  planProductSet,
} from './first-sync-product-input.ts';

const variant = (
  id: string,
  optionValues: string[],
  extra: Partial<PosProductForShopify['variants'][0]> = {},
) => ({
  id,
  title: optionValues.join(' / ') || 'Default',
  optionValues,
  sku: `SKU-${id}`,
  barcode: null,
  barcodeIsGtin: false,
  priceMinor: 100,
  ...extra,
});

describe('planProductSet', () => {
  it('gives a single-variant product the default Title option, a GTIN barcode, the price as decimal text and zero stock at each location', () => {
    const planned = planProductSet(
      {
        id: 'prd_01ABC',
        name: 'Brass bell',
        optionNames: [],
        variants: [variant('var_1', [], { barcode: '2100000050014', barcodeIsGtin: true, priceMinor: 1250 })],
      },
      ['gid://shopify/Location/1', 'gid://shopify/Location/2'],
    );
    if (!planned.ok) throw new Error(planned.reason);
    expect(planned.plan.handle).toBe('brass-bell-prd-01abc');
    expect(planned.plan.input).toEqual({
      title: 'Brass bell',
      handle: 'brass-bell-prd-01abc',
      productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
      variants: [
        {
          optionValues: [{ optionName: 'Title', name: 'Default Title' }],
          sku: 'SKU-var_1',
          barcode: '2100000050014',
          price: '12.50',
          inventoryItem: { tracked: true },
          inventoryQuantities: [
            { locationId: 'gid://shopify/Location/1', name: 'available', quantity: 0 },
            { locationId: 'gid://shopify/Location/2', name: 'available', quantity: 0 },
          ],
        },
      ],
    });
    expect(planned.plan.variantByOptions.get('Default Title')).toBe('var_1');
  });

  it('keeps the POS options, lists each value once, and leaves an internal code behind', () => {
    const planned = planProductSet(
      {
        id: 'prd_2',
        name: 'Tee',
        optionNames: ['Colour', 'Size'],
        variants: [
          variant('a', ['Red', 'S'], { barcode: 'SHOP-77', barcodeIsGtin: false }),
          variant('b', ['Red', 'M']),
          variant('c', ['Blue', 'S']),
        ],
      },
      ['gid://shopify/Location/1'],
    );
    if (!planned.ok) throw new Error(planned.reason);
    expect(planned.plan.input.productOptions).toEqual([
      { name: 'Colour', values: [{ name: 'Red' }, { name: 'Blue' }] },
      { name: 'Size', values: [{ name: 'S' }, { name: 'M' }] },
    ]);
    expect(planned.plan.input.variants[0]!.barcode).toBeNull();
    expect(planned.plan.variantByOptions.get(['Blue', 'S'].join(OPTION_KEY_SEPARATOR))).toBe('c');
  });

  it('refuses what Shopify would refuse: too many variants for one call, too many options, duplicate or missing option values', () => {
    const many = Array.from({ length: MAX_VARIANTS_PER_PRODUCT_SET + 1 }, (_, i) =>
      variant(`v${i}`, [`${i}`]),
    );
    const cases: PosProductForShopify[] = [
      { id: 'p1', name: 'Many', optionNames: ['N'], variants: many },
      {
        id: 'p2',
        name: 'Four',
        optionNames: ['A', 'B', 'C', 'D'],
        variants: [variant('x', ['1', '2', '3', '4'])],
      },
      { id: 'p3', name: 'Twins', optionNames: ['A'], variants: [variant('x', ['1']), variant('y', ['1'])] },
      { id: 'p4', name: 'Blank', optionNames: ['A'], variants: [variant('x', [' '])] },
      { id: 'p5', name: 'None', optionNames: [], variants: [] },
    ];
    for (const product of cases) expect(planProductSet(product, ['gid://shopify/Location/1']).ok).toBe(false);
  });

  it('names each variant by its title when a POS product has several variants but no options', () => {
    const planned = planProductSet(
      {
        id: 'p',
        name: 'Mixed',
        optionNames: [],
        variants: [variant('x', [], { title: 'Small' }), variant('y', [], { title: 'Large' })],
      },
      [],
    );
    if (!planned.ok) throw new Error(planned.reason);
    expect(planned.plan.input.productOptions).toEqual([
      { name: 'Variant', values: [{ name: 'Small' }, { name: 'Large' }] },
    ]);
  });

  it('derives a handle Shopify accepts from any product name', () => {
    expect(handleForPosProduct({ id: 'prd_01J9', name: '  Crème brûlée — 6 pack!' })).toBe(
      'creme-brulee-6-pack-prd-01j9',
    );
    expect(handleForPosProduct({ id: 'prd_01J9', name: '***' })).toBe('prd-01j9');
    expect(handleForPosProduct({ id: 'prd_1', name: 'x'.repeat(300) })).toHaveLength(60 + '-prd-1'.length);
  });
});
