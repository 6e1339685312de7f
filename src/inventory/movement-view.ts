import type { MovementReason } from '../core/ledger-rules.ts';
import type { RecordedMovement } from './ledger.repository.ts';

/** One ledger line as the API shows it: who, where, when, why and from which document. */
export interface MovementView {
  id: string;
  variantId: string;
  locationId: string;
  locationName: string;
  onHandDelta: number;
  committedDelta: number;
  reason: MovementReason;
  note: string | null;
  sourceType: string;
  sourceId: string;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
}

/** The actor of a back-office stock document. */
export interface StockActor {
  staffId: string;
  displayName: string;
}

/** The view of a movement a document has just written, without reading it back. */
export function viewOfRecorded(
  recorded: RecordedMovement,
  context: { locationName: string; note: string | null; actor: StockActor },
): MovementView {
  return {
    id: recorded.id,
    variantId: recorded.variantId,
    locationId: recorded.locationId,
    locationName: context.locationName,
    onHandDelta: recorded.onHandDelta,
    committedDelta: recorded.committedDelta,
    reason: recorded.reason,
    note: context.note,
    sourceType: recorded.sourceType,
    sourceId: recorded.sourceId,
    actorId: context.actor.staffId,
    actorName: context.actor.displayName,
    createdAt: recorded.createdAt,
  };
}

/** A movement's note from the document's free-text parts, or null when there is none. */
export function joinNote(...parts: (string | undefined)[]): string | null {
  const kept = parts.map((p) => p?.trim()).filter((p): p is string => !!p);
  return kept.length > 0 ? kept.join(' — ') : null;
}
