import type { Kysely } from 'kysely';
import { planAdjustment, planReceipt, planTransfer, type QuantityLine } from '../core/stock-planning.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { recordMovements } from './ledger.repository.ts';
import { joinNote, type MovementView, type StockActor, viewOfRecorded } from './movement-view.ts';
import {
  movementsOrThrow,
  requireActiveLocation,
  requireLocation,
  requireVariants,
} from './stock-references.ts';

/**
 * Receipts, adjustments and transfers: the back-office documents whose movements do not depend on the
 * current level. Each function expects to run inside ONE transaction the caller opened
 * (`inWriteTransaction`): it checks the input, then records all its movements, or throws and the
 * caller's rollback leaves the database as it was. The document id becomes every movement's source.
 */
type Deps = { clock: Clock; newId: IdGenerator };

export interface StockDocument {
  id: string;
  movements: MovementView[];
}

const lineField = (index: number) => `lines.${index}.variantId`;

export async function receiveGoods(
  trx: Kysely<Database>,
  deps: Deps,
  actor: StockActor,
  input: {
    locationId: string;
    lines: QuantityLine[];
    note?: string | undefined;
    reference?: string | undefined;
  },
): Promise<StockDocument> {
  const planned = movementsOrThrow(planReceipt(input));
  const location = await requireActiveLocation(trx, input.locationId, 'locationId');
  await requireVariants(
    trx,
    input.lines.map((l) => l.variantId),
    lineField,
  );
  const id = deps.newId('rcv');
  const note = joinNote(input.reference ? `ref ${input.reference.trim()}` : undefined, input.note);
  const recorded = await recordMovements(
    trx,
    deps,
    planned.map((m) => ({ ...m, note, sourceType: 'receipt', sourceId: id, actorId: actor.staffId })),
  );
  return {
    id,
    movements: recorded.map((r) => viewOfRecorded(r, { locationName: location.name, note, actor })),
  };
}

/** A single signed correction; the person's reason is kept as the movement's note. */
export async function adjustStock(
  trx: Kysely<Database>,
  deps: Deps,
  actor: StockActor,
  input: { locationId: string; variantId: string; delta: number; reason: string },
): Promise<MovementView> {
  const planned = movementsOrThrow(planAdjustment(input));
  const location = await requireActiveLocation(trx, input.locationId, 'locationId');
  await requireVariants(trx, [input.variantId], () => 'variantId');
  const note = input.reason.trim();
  const [recorded] = await recordMovements(
    trx,
    deps,
    planned.map((m) => ({
      ...m,
      note,
      sourceType: 'adjustment',
      sourceId: deps.newId('adj'),
      actorId: actor.staffId,
    })),
  );
  return viewOfRecorded(recorded!, { locationName: location.name, note, actor });
}

/** Both sides of every line in one transaction: a failure anywhere writes neither. */
export async function transferStock(
  trx: Kysely<Database>,
  deps: Deps,
  actor: StockActor,
  input: { fromLocationId: string; toLocationId: string; lines: QuantityLine[]; note?: string | undefined },
): Promise<StockDocument> {
  const planned = movementsOrThrow(planTransfer(input));
  // Emptying a deactivated location (closing a shop) is allowed; stocking one is not.
  const from = await requireLocation(trx, input.fromLocationId, 'fromLocationId');
  const to = await requireActiveLocation(trx, input.toLocationId, 'toLocationId');
  await requireVariants(
    trx,
    input.lines.map((l) => l.variantId),
    lineField,
  );
  const id = deps.newId('trf');
  const note = joinNote(input.note);
  const recorded = await recordMovements(
    trx,
    deps,
    planned.map((m) => ({ ...m, note, sourceType: 'transfer', sourceId: id, actorId: actor.staffId })),
  );
  const nameOf = (locationId: string) => (locationId === from.id ? from.name : to.name);
  return {
    id,
    movements: recorded.map((r) => viewOfRecorded(r, { locationName: nameOf(r.locationId), note, actor })),
  };
}
