import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ORDER_SNAPSHOT, ORDERS_UPDATED_SINCE } from './order-snapshot.ts';
import { PUSH_INVENTORY_DELTAS } from './push-inventory-deltas.ts';

const realSchemaFile = resolve(import.meta.dirname, '../../../../shared/shopify/admin-2026-07.graphql');
const present = existsSync(realSchemaFile);

describe.skipIf(!present)(
  `sync engine operations validate against the real Admin schema 2026-07${present ? '' : ' (skipped: ../shared not present)'}`,
  () => {
    const schema = present ? buildSchema(readFileSync(realSchemaFile, 'utf8')) : undefined;
    for (const [name, document] of Object.entries({
      ORDER_SNAPSHOT,
      ORDERS_UPDATED_SINCE,
      PUSH_INVENTORY_DELTAS,
    })) {
      it(`${name} is valid`, () => {
        expect(validate(schema!, parse(document)).map((e) => e.message)).toEqual([]);
      });
    }
  },
);
