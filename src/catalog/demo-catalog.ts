import type { Kysely } from 'kysely';
import { gtinCheckDigit } from '../core/gtin.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { createProduct, type NewProductInput } from './create-product.service.ts';

/**
 * A small gift and grocery shop's catalogue for `npm start` and the sandbox: every item has a SKU and
 * a valid EAN-13 (GS1 UK prefix 50, a made-up company number), prices in pence.
 */
interface DemoItem {
  name: string;
  taxRateBp: number;
  options?: string[];
  /** [sku suffix, option values, price in pence, cost in pence] */
  variants: Array<[string, string[], number, number]>;
}

const STANDARD = 2000;
const ZERO = 0;
const REDUCED = 500;

const ITEMS: DemoItem[] = [
  { name: 'Sourdough loaf', taxRateBp: ZERO, variants: [['', [], 395, 160]] },
  { name: 'Free-range eggs (6)', taxRateBp: ZERO, variants: [['', [], 275, 140]] },
  { name: 'Wildflower honey 340g', taxRateBp: ZERO, variants: [['', [], 650, 310]] },
  { name: 'Seville orange marmalade', taxRateBp: ZERO, variants: [['', [], 425, 190]] },
  { name: 'Strawberry jam', taxRateBp: ZERO, variants: [['', [], 395, 170]] },
  { name: 'Mature cheddar 200g', taxRateBp: ZERO, variants: [['', [], 450, 230]] },
  { name: 'Oatcakes', taxRateBp: ZERO, variants: [['', [], 225, 95]] },
  {
    name: 'Ground coffee 227g',
    taxRateBp: ZERO,
    options: ['Roast'],
    variants: [
      ['-MED', ['Medium'], 675, 320],
      ['-DARK', ['Dark'], 675, 320],
    ],
  },
  { name: 'English breakfast tea (80)', taxRateBp: ZERO, variants: [['', [], 425, 200]] },
  { name: 'Dark chocolate bar 70%', taxRateBp: STANDARD, variants: [['', [], 325, 140]] },
  { name: 'Sea salt fudge', taxRateBp: STANDARD, variants: [['', [], 450, 180]] },
  { name: 'Sparkling elderflower 750ml', taxRateBp: STANDARD, variants: [['', [], 395, 170]] },
  { name: 'Cloudy apple juice 1l', taxRateBp: STANDARD, variants: [['', [], 350, 150]] },
  {
    name: 'Scented candle',
    taxRateBp: STANDARD,
    options: ['Scent'],
    variants: [
      ['-FIG', ['Fig'], 1800, 700],
      ['-CED', ['Cedar'], 1800, 700],
      ['-LAV', ['Lavender'], 1800, 700],
    ],
  },
  {
    name: 'Linen tea towel',
    taxRateBp: STANDARD,
    options: ['Colour'],
    variants: [
      ['-SAGE', ['Sage'], 1250, 480],
      ['-OCHRE', ['Ochre'], 1250, 480],
    ],
  },
  {
    name: 'Stoneware mug',
    taxRateBp: STANDARD,
    options: ['Colour'],
    variants: [
      ['-BLUE', ['Blue'], 1400, 550],
      ['-CREAM', ['Cream'], 1400, 550],
    ],
  },
  {
    name: 'Merino beanie',
    taxRateBp: STANDARD,
    options: ['Colour'],
    variants: [
      ['-GREY', ['Grey'], 2400, 1000],
      ['-RUST', ['Rust'], 2400, 1000],
    ],
  },
  { name: 'Cotton tote bag', taxRateBp: STANDARD, variants: [['', [], 800, 300]] },
  {
    name: 'Lambswool scarf',
    taxRateBp: STANDARD,
    options: ['Colour'],
    variants: [
      ['-NAVY', ['Navy'], 3500, 1500],
      ['-MOSS', ['Moss'], 3500, 1500],
    ],
  },
  {
    name: 'Gardening gloves',
    taxRateBp: STANDARD,
    options: ['Size'],
    variants: [
      ['-S', ['S'], 1500, 600],
      ['-M', ['M'], 1500, 600],
      ['-L', ['L'], 1500, 600],
    ],
  },
  {
    name: 'Cotton socks',
    taxRateBp: STANDARD,
    options: ['Colour', 'Size'],
    variants: [
      ['-RED-S', ['Red', '4-7'], 900, 350],
      ['-RED-L', ['Red', '8-11'], 900, 350],
      ['-TEAL-S', ['Teal', '4-7'], 900, 350],
      ['-TEAL-L', ['Teal', '8-11'], 900, 350],
    ],
  },
  { name: 'Greeting card, blank', taxRateBp: STANDARD, variants: [['', [], 325, 110]] },
  { name: 'Birthday card', taxRateBp: STANDARD, variants: [['', [], 350, 120]] },
  { name: 'Notebook A5, dotted', taxRateBp: STANDARD, variants: [['', [], 1100, 420]] },
  { name: 'Wrapping paper roll', taxRateBp: STANDARD, variants: [['', [], 450, 150]] },
  { name: 'Beeswax wraps (3)', taxRateBp: STANDARD, variants: [['', [], 1500, 620]] },
  { name: 'Hand cream 50ml', taxRateBp: STANDARD, variants: [['', [], 1200, 450]] },
  { name: 'Olive oil soap', taxRateBp: STANDARD, variants: [['', [], 550, 200]] },
  { name: "Children's picture book", taxRateBp: ZERO, variants: [['', [], 799, 400]] },
  { name: 'Bird feeder', taxRateBp: STANDARD, variants: [['', [], 1950, 800]] },
  { name: 'Energy-saving bulb', taxRateBp: REDUCED, variants: [['', [], 450, 180]] },
];

/** A valid EAN-13 in the 50 (UK) range for the n-th demo variant. */
function demoEan13(n: number): string {
  const body = `5060123${String(n).padStart(5, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

function skuBase(name: string): string {
  return name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 16);
}

export function demoCatalogProducts(): NewProductInput[] {
  let n = 0;
  return ITEMS.map((item) => ({
    name: item.name,
    taxRateBp: item.taxRateBp,
    optionNames: item.options ?? [],
    variants: item.variants.map(([suffix, optionValues, priceMinor, costMinor]) => ({
      optionValues,
      sku: `${skuBase(item.name)}${suffix}`,
      barcode: demoEan13(++n),
      priceMinor,
      costMinor,
      lowStockThreshold: 3,
    })),
  }));
}

/**
 * Creates the demo catalogue in one transaction. Safe to call at every start: when the first demo
 * item already exists it creates nothing and returns the demo variants that are there.
 */
export async function seedDemoCatalog(
  db: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<{ variantIds: string[] }> {
  const products = demoCatalogProducts();
  const skus = products.flatMap((p) => p.variants.map((v) => v.sku!));
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('product_variants')
      .select(['id', 'sku'])
      .where('sku', 'in', skus)
      .execute();
    if (existing.length > 0) {
      const bySku = new Map(existing.map((row) => [row.sku, row.id]));
      return { variantIds: skus.flatMap((sku) => bySku.get(sku) ?? []) };
    }
    const variantIds: string[] = [];
    for (const product of products) {
      const created = await createProduct(trx, deps, product);
      variantIds.push(...created.variants.map((v) => v.id));
    }
    return { variantIds };
  });
}
