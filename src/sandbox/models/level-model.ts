import { GraphQLError } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { levelGid } from '../gid.ts';
import { QUANTITY_NAMES, readQuantities } from '../inventory/levels.repository.ts';
import type { LevelRow, LocationRow, VariantRow } from '../store/rows.ts';
import { sql } from '../store/statements.ts';
import { locationModel } from './location-model.ts';
import { inventoryItemModel } from './product-model.ts';

export function levelModel(ctx: SandboxContext, row: LevelRow) {
  const location = sql(ctx.db, 'SELECT * FROM locations WHERE id = ?').get(row.location_id) as LocationRow;
  return {
    __typename: 'InventoryLevel',
    id: levelGid(location.level_key, row.item_id),
    isActive: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    location: () => locationModel(ctx, location),
    item: () => {
      const variant = sql(ctx.db, 'SELECT * FROM variants WHERE inventory_item_id = ?').get(
        row.item_id,
      ) as VariantRow;
      return inventoryItemModel(ctx, variant);
    },
    // Rows come back in the order the names were asked for (NOTES §2).
    quantities: (args: { names: string[] }) => {
      const unknown = args.names.find((name) => !(QUANTITY_NAMES as readonly string[]).includes(name));
      if (unknown !== undefined) {
        throw new GraphQLError(
          `The quantity name '${unknown}' is invalid. Valid values are: ${QUANTITY_NAMES.join(', ')}.`,
          { extensions: { code: 'BAD_REQUEST' } },
        );
      }
      const values = readQuantities(ctx.db, row.id);
      return args.names.map((name) => ({
        __typename: 'InventoryQuantity',
        id: `gid://shopify/InventoryQuantity/${row.id}?inventory_item_id=${row.item_id}&name=${name}`,
        name,
        quantity: values.get(name)?.quantity ?? 0,
        updatedAt: values.get(name)?.updatedAt ?? null,
      }));
    },
  };
}
