import type { SandboxRuntime } from '../sandbox-runtime.ts';
import { nowText } from '../shopify-time.ts';
import type { ShopRow } from '../store/rows.ts';
import { allocateIds } from '../store/sandbox-db.ts';

/** EAN-13 check digit of a 12-digit body. */
export function ean13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return `${body12}${(10 - (sum % 10)) % 10}`;
}

/**
 * Bulk seeding (`POST /sandbox/shops/:domain/seed`): N tracked variants with valid EAN-13 barcodes and
 * SKUs, stocked at every location, written in one transaction with raw statements so 100k variants take
 * seconds. The same rows productSet would write, without the webhooks.
 */
export function seedCatalog(
  runtime: SandboxRuntime,
  shop: ShopRow,
  input: { variants: number; variantsPerProduct?: number; quantity?: number },
): { products: number; variants: number; ms: number } {
  const started = Date.now();
  const { db } = runtime;
  const perProduct = input.variantsPerProduct ?? 4;
  const quantity = input.quantity ?? 10;
  const now = nowText(runtime.clock);
  const locations = db
    .prepare('SELECT id FROM locations WHERE shop_id = ? ORDER BY id')
    .all(shop.id) as Array<{ id: number }>;
  const productCount = Math.ceil(input.variants / perProduct);
  const insertProduct = db.prepare(
    `INSERT INTO products (id, shop_id, title, handle, status, vendor, product_type, tags, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'ACTIVE', ?, 'Seeded', '[]', ?, ?)`,
  );
  const insertVariant = db.prepare(
    `INSERT INTO variants (id, shop_id, product_id, title, sku, barcode, price, compare_at_price, taxable, inventory_policy,
      options, position, inventory_item_id, tracked, requires_shipping, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 1, 'DENY', ?, ?, ?, 1, 1, ?, ?)`,
  );
  const insertLevel = db.prepare(
    'INSERT INTO levels (id, shop_id, item_id, location_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
  );
  const insertQuantity = db.prepare(
    "INSERT INTO quantities (level_id, name, quantity, updated_at) VALUES (?, 'available', ?, ?)",
  );
  db.transaction(() => {
    const base = allocateIds(db, productCount + input.variants * (2 + locations.length));
    let next = base;
    let made = 0;
    const sizes = ['S', 'M', 'L', 'XL', 'XXL'];
    for (let p = 0; p < productCount; p++) {
      const productId = next++;
      insertProduct.run(
        productId,
        shop.id,
        `Seeded product ${p + 1}`,
        `seeded-product-${productId}`,
        shop.name,
        now,
        now,
      );
      for (let v = 0; v < perProduct && made < input.variants; v++, made++) {
        const variantId = next++;
        const itemId = next++;
        const size = sizes[v % sizes.length] as string;
        const value = v < sizes.length ? size : `${size}-${v}`;
        const barcode = ean13(`20${String(shop.id % 1000).padStart(3, '0')}${String(made).padStart(7, '0')}`);
        insertVariant.run(
          variantId,
          shop.id,
          productId,
          value,
          `SKU-${shop.id}-${made + 1}`,
          barcode,
          `${10 + (made % 90)}.00`,
          JSON.stringify([{ name: 'Size', value }]),
          v + 1,
          itemId,
          now,
          now,
        );
        for (const location of locations) {
          const levelId = next++;
          insertLevel.run(levelId, shop.id, itemId, location.id, now, now);
          insertQuantity.run(levelId, quantity, now);
        }
      }
    }
  })();
  return { products: productCount, variants: input.variants, ms: Date.now() - started };
}
