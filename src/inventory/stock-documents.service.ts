import type { Kysely } from 'kysely';
import { planAdjustment, planReceipt, planTransfer, type QuantityLine } from '../core/stock-planning.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { findReplay, recordDocument } from './document-replay.ts';
import { joinNote, type MovementView, type StockActor } from './movement-view.ts';
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
 * caller's rollback leaves the database as it was. The document id becomes every movement's source;
 * a client may supply it to make retries safe (see document-replay.ts).
 */
type Deps = { clock: Clock; newId: IdGenerator };

export interface StockDocument {
  id: string;
  movements: MovementView[];
  /** True when this id was already recorded and the earlier document is returned unchanged. */
  replayed: boolean;
}

const lineField = (index: number) => `lines.${index}.variantId`;

export async function receiveGoods(
  trx: Kysely<Database>,
  deps: Deps,
  actor: StockActor,
  input: {
    id?: string | undefined;
    locationId: string;
    lines: QuantityLine[];
    note?: string | undefined;
    reference?: string | undefined;
  },
): Promise<StockDocument> {
  const planned = movementsOrThrow(planReceipt(input));
  const id = input.id ?? deps.newId('rcv');
  const replay = input.id ? await findReplay(trx, 'receipt', id, planned) : null;
  if (replay) return { id, ...replay };
  const location = await requireActiveLocation(trx, input.locationId, 'locationId');
  await requireVariants(
    trx,
    input.lines.map((l) => l.variantId),
    lineField,
  );
  const note = joinNote(input.reference ? `ref ${input.reference.trim()}` : undefined, input.note);
  const recorded = await recordDocument(trx, deps, {
    sourceType: 'receipt',
    sourceId: id,
    fromClient: input.id !== undefined,
    planned,
    note,
    actor,
    locationNameOf: () => location.name,
  });
  return { id, ...recorded };
}

/** A single signed correction; the person's reason is kept as the movement's note. */
export async function adjustStock(
  trx: Kysely<Database>,
  deps: Deps,
  actor: StockActor,
  input: { id?: string | undefined; locationId: string; variantId: string; delta: number; reason: string },
): Promise<{ movement: MovementView; replayed: boolean }> {
  const planned = movementsOrThrow(planAdjustment(input));
  const id = input.id ?? deps.newId('adj');
  const replay = input.id ? await findReplay(trx, 'adjustment', id, planned) : null;
  if (replay) return { movement: replay.movements[0]!, replayed: true };
  const location = await requireActiveLocation(trx, input.locationId, 'locationId');
  await requireVariants(trx, [input.variantId], () => 'variantId');
  const recorded = await recordDocument(trx, deps, {
    sourceType: 'adjustment',
    sourceId: id,
    fromClient: input.id !== undefined,
    planned,
    note: input.reason.trim(),
    actor,
    locationNameOf: () => location.name,
  });
  return { movement: recorded.movements[0]!, replayed: recorded.replayed };
}

/** Both sides of every line in one transaction: a failure anywhere writes neither. */
export async function transferStock(
  trx: Kysely<Database>,
  deps: Deps,
  actor: StockActor,
  input: {
    id?: string | undefined;
    fromLocationId: string;
    toLocationId: string;
    lines: QuantityLine[];
    note?: string | undefined;
  },
): Promise<StockDocument> {
  const planned = movementsOrThrow(planTransfer(input));
  const id = input.id ?? deps.newId('trf');
  const replay = input.id ? await findReplay(trx, 'transfer', id, planned) : null;
  if (replay) return { id, ...replay };
  // Emptying a deactivated location (closing a shop) is allowed; stocking one is not.
  const from = await requireLocation(trx, input.fromLocationId, 'fromLocationId');
  const to = await requireActiveLocation(trx, input.toLocationId, 'toLocationId');
  await requireVariants(
    trx,
    input.lines.map((l) => l.variantId),
    lineField,
  );
  const recorded = await recordDocument(trx, deps, {
    sourceType: 'transfer',
    sourceId: id,
    fromClient: input.id !== undefined,
    planned,
    note: joinNote(input.note),
    actor,
    locationNameOf: (locationId) => (locationId === from.id ? from.name : to.name),
  });
  return { id, ...recorded };
}
