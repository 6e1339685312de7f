import { appInstallationQueries } from '../resolvers/app-installation-queries.ts';
import { bulkMutations, bulkQueries } from '../resolvers/bulk-resolvers.ts';
import { catalogQueries } from '../resolvers/catalog-queries.ts';
import { inventoryMutations } from '../resolvers/inventory-mutations.ts';
import { orderMutations, orderQueries } from '../resolvers/order-resolvers.ts';
import { productMutations } from '../resolvers/product-mutations.ts';
import { webhookMutations, webhookQueries } from '../resolvers/webhook-resolvers.ts';

/** Root fields of QueryRoot and Mutation: graphql-js calls `rootValue[field](args, context, info)`. */
export const rootValue: Record<string, unknown> = {
  ...catalogQueries,
  ...appInstallationQueries,
  ...inventoryMutations,
  ...productMutations,
  ...orderQueries,
  ...orderMutations,
  ...webhookQueries,
  ...webhookMutations,
  ...bulkQueries,
  ...bulkMutations,
};
