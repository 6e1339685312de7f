import type { Kysely } from 'kysely';
import type { PlannedMovement } from '../core/stock-planning.ts';
import type { Database } from '../db/schema.ts';
import { conflict } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { recordMovements } from './ledger.repository.ts';
import { findDocumentMovements } from './movement-history.repository.ts';
import { type MovementView, type StockActor, viewOfRecorded } from './movement-view.ts';

/**
 * Back-office documents may carry an id made by the client (`rcv_…`, `adj_…`, `cnt_…`, `trf_…`), so a
 * double click or a retry after a timeout records the document once:
 *
 * - a document whose id is already in the ledger is a replay: the first one's movements come back
 *   (HTTP 200 instead of 201) and nothing is written; a replay whose lines differ is refused with
 *   409 DOCUMENT_ID_REUSED;
 * - two copies racing on PostgreSQL both pass that check, so each movement also carries the
 *   idempotency key `<sourceType>:<id>:<variant>:<location>`; the database's unique index lets one
 *   copy in and turns the other into duplicates, which are then answered as a replay.
 *
 * Without a client id the server makes one and none of this applies.
 */
export interface RecordedDocument {
  movements: MovementView[];
  replayed: boolean;
}

export interface DocumentToRecord {
  sourceType: 'receipt' | 'adjustment' | 'count' | 'transfer';
  sourceId: string;
  fromClient: boolean;
  planned: PlannedMovement[];
  note: string | null;
  actor: StockActor;
  locationNameOf: (locationId: string) => string;
}

export function documentMovementKey(sourceType: string, sourceId: string, m: PlannedMovement): string {
  return `${sourceType}:${sourceId}:${m.variantId}:${m.locationId}`;
}

/**
 * The earlier copy of a client-identified document, or null when it is new. `planned` null skips the
 * comparison (a count's differences depend on the levels at the time, so a replay cannot be compared).
 */
export async function findReplay(
  trx: Kysely<Database>,
  sourceType: string,
  sourceId: string,
  planned: PlannedMovement[] | null,
): Promise<RecordedDocument | null> {
  const existing = await findDocumentMovements(trx, sourceType, sourceId);
  if (existing.length === 0) return null;
  if (planned && !sameMovements(existing, planned)) {
    throw conflict(
      'DOCUMENT_ID_REUSED',
      `${sourceType} ${sourceId} was already recorded with different lines`,
      'id',
    );
  }
  return { movements: existing, replayed: true };
}

export async function recordDocument(
  trx: Kysely<Database>,
  deps: { clock: Clock; newId: IdGenerator },
  doc: DocumentToRecord,
): Promise<RecordedDocument> {
  const recorded = await recordMovements(
    trx,
    deps,
    doc.planned.map((m) => ({
      ...m,
      note: doc.note,
      sourceType: doc.sourceType,
      sourceId: doc.sourceId,
      actorId: doc.actor.staffId,
      idempotencyKey: doc.fromClient ? documentMovementKey(doc.sourceType, doc.sourceId, m) : null,
    })),
  );
  if (recorded.some((r) => r.duplicate)) {
    // A copy of this document committed while we were checking; answer as its replay, write nothing.
    if (!recorded.every((r) => r.duplicate)) {
      throw conflict(
        'DOCUMENT_ID_REUSED',
        `${doc.sourceType} ${doc.sourceId} was recorded differently`,
        'id',
      );
    }
    const replay = await findReplay(trx, doc.sourceType, doc.sourceId, doc.planned);
    if (replay) return replay;
  }
  return {
    movements: recorded.map((r) =>
      viewOfRecorded(r, { locationName: doc.locationNameOf(r.locationId), note: doc.note, actor: doc.actor }),
    ),
    replayed: false,
  };
}

function sameMovements(existing: MovementView[], planned: PlannedMovement[]): boolean {
  const line = (m: { variantId: string; locationId: string; onHandDelta: number; committedDelta: number }) =>
    `${m.variantId}|${m.locationId}|${m.onHandDelta}|${m.committedDelta}`;
  const a = existing.map(line).sort();
  const b = planned.map(line).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
