import { deltasFor, MAX_MOVEMENT_QUANTITY, type MovementReason } from './ledger-rules.ts';

/**
 * Pure planning for the back-office stock documents (receipt, adjustment, count, transfer): validated
 * input and the current levels in, the list of movements out. No I/O; the inventory services look up
 * what is needed, call these, and hand the plan to `recordMovements` inside one transaction.
 *
 * A plan is a result value, never a throw: `{ ok: false, error }` names the offending field the way the
 * HTTP API does (`lines.2.quantity`), so the caller can answer 400 with nothing written.
 */
export interface PlannedMovement {
  variantId: string;
  locationId: string;
  onHandDelta: number;
  committedDelta: number;
  reason: MovementReason;
}

export interface PlanError {
  code: string;
  message: string;
  field: string;
}

export type Plan = { ok: true; movements: PlannedMovement[] } | { ok: false; error: PlanError };

export interface QuantityLine {
  variantId: string;
  quantity: number;
}

export interface CountLine {
  variantId: string;
  counted: number;
}

const fail = (code: string, message: string, field: string): Plan => ({
  ok: false,
  error: { code, message, field },
});

/** Null when q is a whole number in 1..MAX_MOVEMENT_QUANTITY, otherwise why not. */
export function quantityProblem(q: unknown): string | null {
  if (typeof q !== 'number' || !Number.isInteger(q)) return 'must be a whole number';
  if (q <= 0) return 'must be greater than 0';
  if (q > MAX_MOVEMENT_QUANTITY) return `must be at most ${MAX_MOVEMENT_QUANTITY}`;
  return null;
}

/** The first line whose variant already appeared earlier in the same document, if any. */
function duplicateVariant(lines: readonly { variantId: string }[]): number | null {
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    if (seen.has(line.variantId)) return index;
    seen.add(line.variantId);
  }
  return null;
}

function checkLines(lines: readonly { variantId: string }[]): Plan | null {
  if (lines.length === 0) return fail('LINES_EMPTY', 'add at least one line', 'lines');
  const duplicate = duplicateVariant(lines);
  if (duplicate !== null) {
    return fail(
      'DUPLICATE_VARIANT',
      'the same item appears twice in one document; put the total on one line',
      `lines.${duplicate}.variantId`,
    );
  }
  return null;
}

function checkQuantities(lines: readonly QuantityLine[]): Plan | null {
  for (const [index, line] of lines.entries()) {
    const problem = quantityProblem(line.quantity);
    if (problem) return fail('QUANTITY_INVALID', `quantity ${problem}`, `lines.${index}.quantity`);
  }
  return null;
}

/** Goods received at one location: each line adds its quantity to on_hand. */
export function planReceipt(input: { locationId: string; lines: readonly QuantityLine[] }): Plan {
  const problem = checkLines(input.lines) ?? checkQuantities(input.lines);
  if (problem) return problem;
  return {
    ok: true,
    movements: input.lines.map((line) => ({
      variantId: line.variantId,
      locationId: input.locationId,
      reason: 'receipt',
      ...deltasFor('receipt', line.quantity),
    })),
  };
}

/** A signed correction of on_hand with a reason a person wrote (damaged, stolen, found…). */
export function planAdjustment(input: {
  locationId: string;
  variantId: string;
  delta: number;
  reason: string;
}): Plan {
  const { delta } = input;
  if (!Number.isInteger(delta) || delta === 0) {
    return fail('DELTA_INVALID', 'delta must be a whole number other than 0', 'delta');
  }
  if (Math.abs(delta) > MAX_MOVEMENT_QUANTITY) {
    return fail('DELTA_INVALID', `delta must be at most ${MAX_MOVEMENT_QUANTITY} either way`, 'delta');
  }
  if (input.reason.trim() === '') {
    return fail('REASON_REQUIRED', 'say why the stock is adjusted', 'reason');
  }
  return {
    ok: true,
    movements: [
      {
        variantId: input.variantId,
        locationId: input.locationId,
        reason: 'adjustment',
        ...deltasFor('adjustment', delta),
      },
    ],
  };
}

/**
 * A stock count sets on_hand to what was counted: the movement carries counted − on_hand. A line whose
 * count equals the books produces no movement (nothing changed; the ledger records changes). `onHand`
 * must be read under a lock by the caller, or a sale between the read and the write would be lost.
 */
export function planCount(
  input: { locationId: string; lines: readonly CountLine[] },
  onHand: ReadonlyMap<string, number>,
): Plan {
  const problem = checkLines(input.lines);
  if (problem) return problem;
  const movements: PlannedMovement[] = [];
  for (const [index, line] of input.lines.entries()) {
    const { counted } = line;
    if (!Number.isInteger(counted) || counted < 0 || counted > MAX_MOVEMENT_QUANTITY) {
      return fail(
        'COUNTED_INVALID',
        `counted must be a whole number from 0 to ${MAX_MOVEMENT_QUANTITY}`,
        `lines.${index}.counted`,
      );
    }
    const difference = counted - (onHand.get(line.variantId) ?? 0);
    if (difference === 0) continue;
    movements.push({
      variantId: line.variantId,
      locationId: input.locationId,
      reason: 'count',
      ...deltasFor('count', difference),
    });
  }
  return { ok: true, movements };
}

/** Stock moved between two locations: a transfer_out and a transfer_in per line, both or neither. */
export function planTransfer(input: {
  fromLocationId: string;
  toLocationId: string;
  lines: readonly QuantityLine[];
}): Plan {
  if (input.fromLocationId === input.toLocationId) {
    return fail('SAME_LOCATION', 'a transfer needs two different locations', 'toLocationId');
  }
  const problem = checkLines(input.lines) ?? checkQuantities(input.lines);
  if (problem) return problem;
  return {
    ok: true,
    movements: input.lines.flatMap((line): PlannedMovement[] => [
      {
        variantId: line.variantId,
        locationId: input.fromLocationId,
        reason: 'transfer_out',
        ...deltasFor('transfer_out', line.quantity),
      },
      {
        variantId: line.variantId,
        locationId: input.toLocationId,
        reason: 'transfer_in',
        ...deltasFor('transfer_in', line.quantity),
      },
    ]),
  };
}
