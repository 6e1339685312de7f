import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

/** Every operation document in this folder must be valid against Shopify's real Admin schema. */
const realSchemaFile = resolve(import.meta.dirname, '../../../../shared/shopify/admin-2026-07.graphql');
const present = existsSync(realSchemaFile);

const documents: Array<[string, string]> = [];
for (const file of readdirSync(import.meta.dirname).filter(
  (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
)) {
  const module = (await import(resolve(import.meta.dirname, file))) as Record<string, unknown>;
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'string' && /^\s*(query|mutation)\b/.test(value))
      documents.push([`${file} ${name}`, value]);
  }
}

describe.skipIf(!present)(
  `sync engine operations validate against the real Admin schema 2026-07${present ? '' : ' (skipped: ../shared not present)'}`,
  () => {
    const schema = present ? buildSchema(readFileSync(realSchemaFile, 'utf8')) : undefined;
    it('finds the operation documents', () => {
      expect(documents.length).toBeGreaterThanOrEqual(6);
    });
    for (const [name, document] of documents) {
      it(`${name} is valid`, () => {
        expect(validate(schema!, parse(document)).map((e) => e.message)).toEqual([]);
      });
    }
  },
);
