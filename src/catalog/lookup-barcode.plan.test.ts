import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../tests/support/test-databases.ts';
import { compiledBarcodeLookup } from './catalog.repository.ts';

/**
 * The till's scan must stay an indexed exact match whatever the catalogue's size. Timing belongs in
 * `npm run bench`; here the database's own query plan shows the unique index on barcode_key is used.
 */
describeEachDatabase('barcode lookup query plan', (t) => {
  it('reads the variant through the unique index on barcode_key, not a table scan', async () => {
    const db = t.db.kysely;
    const compiled = compiledBarcodeLookup(db, 2);
    const params = ['05012345678900', 'int:5012345678900'];
    if (t.db.dialect === 'sqlite') {
      const plan = await db.executeQuery<{ detail: string }>({
        ...compiled,
        sql: `explain query plan ${compiled.sql}`,
        parameters: params,
      });
      const details = plan.rows.map((row) => row.detail).join('\n');
      expect(details).toMatch(
        /SEARCH v USING INDEX sqlite_autoindex_product_variants_\d+ \(barcode_key=\?\)/,
      );
      expect(details).not.toMatch(/SCAN v\b/);
    } else {
      // A near-empty table is cheaper to scan, so forbid that to see which index the planner has.
      const plan = await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return trx.executeQuery<{ 'QUERY PLAN': string }>({
          ...compiled,
          sql: `explain ${compiled.sql}`,
          parameters: params,
        });
      });
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan (using|on) product_variants_barcode_key_key/);
      expect(text).not.toMatch(/Seq Scan on product_variants/);
    }
  });
});
