import type { Kysely } from 'kysely';
import { can } from '../core/permissions.ts';
import { planReturn, type ReturnPlan, type ReturnRequestLine } from '../core/return-plan.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/portable-sql.ts';
import type { Database } from '../db/schema.ts';
import { recordMovements } from '../inventory/ledger.repository.ts';
import { getShopSettings } from '../settings/settings.repository.ts';
import { conflict, invalid, notFound } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { Actor } from '../staff/session.service.ts';
import { type Approval, requireManagerApproval } from './approval.service.ts';
import { requestHash } from './request-hash.ts';
import { loadReturnableSale, loadReturnView, type ReturnView } from './returns.repository.ts';

export interface ReturnRequest {
  id: string;
  lines: ReturnRequestLine[];
  approval?: Approval | undefined;
}

/**
 * Records a return of some or all of a sale's lines, once (the client's `ret_…` id is the
 * idempotency key, as for sales). Restocked product lines move +q back at the sale's location
 * (reason sale_return); lines not restocked and misc lines move nothing. The refund goes back by the
 * original tenders (see core/return-plan.ts). A refund above the shop's returnApprovalOverMinor needs
 * a manager's PIN unless a manager is doing the return.
 *
 * On PostgreSQL the sale row is locked for the transaction, so two returns of the same sale at two
 * tills cannot both take back the last unit; SQLite runs one write transaction at a time anyway.
 */
export async function recordReturn(
  db: Db,
  deps: { clock: Clock; newId: IdGenerator },
  actor: Actor,
  saleId: string,
  request: ReturnRequest,
): Promise<{ view: ReturnView; replayed: boolean }> {
  const hash = requestHash({ saleId, ...request });
  const replay = await replayOf(db.kysely, request.id, hash);
  if (replay) return { view: replay, replayed: true };

  const before = await loadReturnableSale(db.kysely, saleId);
  if (!before) throw notFound('SALE_NOT_FOUND', `no sale ${saleId}`);
  const preview = accepted(planReturn({ ...before, request: request.lines }));
  const settings = await getShopSettings(db.kysely);
  let approvedBy: string | null = null;
  if (preview.refundMinor > settings.returnApprovalOverMinor && !can(actor.role, 'sales.approve')) {
    approvedBy = await requireManagerApproval(
      db.kysely,
      deps.clock,
      request.approval,
      'RETURN_NEEDS_APPROVAL',
      `a refund over ${settings.returnApprovalOverMinor} needs a manager's PIN`,
    );
  }

  const now = isoNow(deps.clock);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      if (db.dialect === 'postgres') {
        await trx.selectFrom('sales').select('id').where('id', '=', saleId).forUpdate().execute();
      }
      const current = await loadReturnableSale(trx, saleId);
      if (!current) throw notFound('SALE_NOT_FOUND', `no sale ${saleId}`);
      const plan = accepted(planReturn({ ...current, request: request.lines }));
      await trx
        .insertInto('sale_returns')
        .values({
          id: request.id,
          sale_id: saleId,
          staff_id: actor.staffId,
          refund_minor: plan.refundMinor,
          approved_by: approvedBy,
          request_hash: hash,
          created_at: now,
        })
        .execute();
      const lineRows = plan.lines.map((line) => ({
        id: deps.newId('line'),
        return_id: request.id,
        sale_line_id: line.saleLineId,
        quantity: line.quantity,
        restock: line.restock ? 1 : 0,
        refund_minor: line.refundMinor,
      }));
      await trx.insertInto('return_lines').values(lineRows).execute();
      if (plan.refunds.length > 0) {
        await trx
          .insertInto('return_refunds')
          .values(
            plan.refunds.map((r) => ({
              id: deps.newId('pay'),
              return_id: request.id,
              method: r.method,
              amount_minor: r.amountMinor,
            })),
          )
          .execute();
      }
      const variantOf = new Map(current.lines.map((l) => [l.id, l.variantId]));
      await recordMovements(
        trx,
        deps,
        lineRows.flatMap((row) => {
          const variantId = variantOf.get(row.sale_line_id);
          if (row.restock !== 1 || !variantId) return [];
          return [
            {
              variantId,
              locationId: current.locationId,
              onHandDelta: row.quantity,
              committedDelta: 0,
              reason: 'sale_return' as const,
              sourceType: 'return_line',
              sourceId: row.id,
              actorId: actor.staffId,
            },
          ];
        }),
      );
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await replayOf(db.kysely, request.id, hash);
    if (stored) return { view: stored, replayed: true };
    throw error;
  }
  const view = await loadReturnView(db.kysely, request.id);
  return { view: view!, replayed: false };
}

async function replayOf(db: Kysely<Database>, id: string, hash: string): Promise<ReturnView | undefined> {
  const existing = await db
    .selectFrom('sale_returns')
    .select('request_hash')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!existing) return undefined;
  if (existing.request_hash !== hash) {
    throw conflict('RETURN_ID_REUSED', `return ${id} was already recorded with different contents`, 'id');
  }
  return loadReturnView(db, id);
}

function accepted(plan: ReturnPlan): Extract<ReturnPlan, { ok: true }> {
  if (plan.ok) return plan;
  if (plan.code === 'RETURN_EXCEEDS_SOLD')
    throw conflict(plan.code, plan.message, `lines.${plan.index}.quantity`);
  throw invalid(plan.code, plan.message, `lines.${plan.index}.saleLineId`);
}
