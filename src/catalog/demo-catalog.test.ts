import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { isValidGtin } from '../core/gtin.ts';
import { systemClock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import { findVariantViews } from './catalog.repository.ts';
import { seedDemoCatalog } from './demo-catalog.ts';

describeEachDatabase('demo catalogue', (t) => {
  it('seeds about 30 products whose every variant has a SKU and a valid EAN-13, and seeds once', async () => {
    const deps = { clock: systemClock, newId };
    const { variantIds } = await seedDemoCatalog(t.db.kysely, deps);
    const variants = await findVariantViews(t.db.kysely, variantIds);
    expect(new Set(variants.map((v) => v.productId)).size).toBeGreaterThanOrEqual(30);
    for (const variant of variants) {
      expect(variant.sku).toBeTruthy();
      expect(variant.barcode).toHaveLength(13);
      expect(isValidGtin(variant.barcode!)).toBe(true);
      expect(Number.isInteger(variant.priceMinor)).toBe(true);
    }
    const again = await seedDemoCatalog(t.db.kysely, deps);
    expect(again.variantIds).toEqual(variantIds);
  });
});
