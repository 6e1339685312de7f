import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MovementView } from './movement-view.ts';

export interface MovementPage {
  items: MovementView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** Movements with the names a person reads: the location's and the actor's. */
function movementViews(db: Kysely<Database>) {
  return db
    .selectFrom('stock_movements as m')
    .innerJoin('locations as l', 'l.id', 'm.location_id')
    .leftJoin('staff_members as s', 's.id', 'm.actor_id')
    .select([
      'm.id',
      'm.variant_id',
      'm.location_id',
      'l.name as location_name',
      'm.on_hand_delta',
      'm.committed_delta',
      'm.reason',
      'm.note',
      'm.source_type',
      'm.source_id',
      'm.actor_id',
      's.display_name as actor_name',
      'm.created_at',
    ]);
}

type MovementRow = Awaited<ReturnType<ReturnType<typeof movementViews>['execute']>>[number];

function toView(r: MovementRow): MovementView {
  return {
    id: r.id,
    variantId: r.variant_id,
    locationId: r.location_id,
    locationName: r.location_name,
    onHandDelta: r.on_hand_delta,
    committedDelta: r.committed_delta,
    reason: r.reason,
    note: r.note,
    sourceType: r.source_type,
    sourceId: r.source_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    createdAt: r.created_at,
  };
}

/**
 * The ledger newest first, one page at a time. Movement ids are ulids, so id order is time order (to
 * the millisecond); the cursor is the id of the last movement shown and the next page starts strictly
 * below it, which stays correct while new movements are being written.
 */
export async function listMovements(
  db: Kysely<Database>,
  query: {
    variantId?: string | undefined;
    locationId?: string | undefined;
    /** One document's movements: a receipt, count, transfer, sale line… */
    sourceId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<MovementPage> {
  const rows = await movementViews(db)
    .$if(query.variantId !== undefined, (qb) => qb.where('m.variant_id', '=', query.variantId!))
    .$if(query.locationId !== undefined, (qb) => qb.where('m.location_id', '=', query.locationId!))
    .$if(query.sourceId !== undefined, (qb) => qb.where('m.source_id', '=', query.sourceId!))
    .$if(query.cursor !== undefined, (qb) => qb.where('m.id', '<', query.cursor!))
    .orderBy('m.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toView),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Every movement a document (a receipt, count, transfer…) wrote, by movement id. */
export async function findDocumentMovements(
  db: Kysely<Database>,
  sourceType: string,
  sourceId: string,
): Promise<MovementView[]> {
  const rows = await movementViews(db)
    .where('m.source_type', '=', sourceType)
    .where('m.source_id', '=', sourceId)
    .orderBy('m.id')
    .execute();
  return rows.map(toView);
}
