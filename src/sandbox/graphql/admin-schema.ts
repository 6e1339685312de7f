import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLSchema } from 'graphql';

/** The sandbox schema: the verbatim subset of Shopify's Admin API 2026-07 (schema/admin-subset.graphql). */
let cached: GraphQLSchema | undefined;
export function adminSchema(): GraphQLSchema {
  cached ??= buildSchema(readFileSync(new URL('../schema/admin-subset.graphql', import.meta.url), 'utf8'));
  return cached;
}
