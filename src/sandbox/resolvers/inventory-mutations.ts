import type { GraphQLResolveInfo } from 'graphql';
import type { SandboxContext } from '../context.ts';
import { adjustQuantities } from '../inventory/adjust-quantities.ts';
import { adjustmentGroupModel } from '../inventory/adjustment-group.ts';
import { IDEMPOTENCY_MISMATCH, idempotencyKey, runIdempotent } from '../inventory/idempotency.ts';
import {
  type AdjustInput,
  type Outcome,
  requireChangeFrom,
  type SetInput,
} from '../inventory/quantity-rows.ts';
import { setQuantities } from '../inventory/set-quantities.ts';

function payload(ctx: SandboxContext, result: ReturnType<typeof runIdempotent<Outcome>>) {
  if (result.kind === 'mismatch')
    return { inventoryAdjustmentGroup: null, userErrors: [IDEMPOTENCY_MISMATCH] };
  return {
    inventoryAdjustmentGroup: adjustmentGroupModel(ctx, result.outcome.groupId),
    userErrors: result.outcome.userErrors,
  };
}

export const inventoryMutations = {
  inventorySetQuantities: (args: { input: SetInput }, ctx: SandboxContext, info: GraphQLResolveInfo) => {
    requireChangeFrom(args.input.quantities, 'InventoryQuantityInput');
    const key = idempotencyKey(info);
    return payload(
      ctx,
      runIdempotent(ctx, key, 'inventorySetQuantities', args, () => setQuantities(ctx, args.input)),
    );
  },
  inventoryAdjustQuantities: (
    args: { input: AdjustInput },
    ctx: SandboxContext,
    info: GraphQLResolveInfo,
  ) => {
    requireChangeFrom(args.input.changes, 'InventoryChangeInput');
    const key = idempotencyKey(info);
    return payload(
      ctx,
      runIdempotent(ctx, key, 'inventoryAdjustQuantities', args, () => adjustQuantities(ctx, args.input)),
    );
  },
};
