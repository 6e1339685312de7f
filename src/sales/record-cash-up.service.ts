import { cashUpFigures } from '../core/cash-up.ts';
import type { Db } from '../db/database.ts';
import { findRegister } from '../registers/registers.repository.ts';
import { invalid } from '../shared/app-error.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import type { Actor } from '../staff/session.service.ts';
import { type CashUpView, loadCashUpView, previewCashUp } from './cash-ups.repository.ts';
import { nextNumber } from './sale-numbers.repository.ts';

/**
 * Closes a register's period: records takings and refunds by tender since the last cash-up, the cash
 * expected in the drawer, what was counted and the difference, under the next Z-report number. On
 * PostgreSQL the register row is locked so two cash-ups of one till cannot overlap.
 */
export async function recordCashUp(
  db: Db,
  deps: { clock: Clock; newId: IdGenerator },
  actor: Actor,
  input: {
    registerId: string;
    countedCashMinor: number;
    openingFloatMinor?: number | undefined;
    note?: string | undefined;
  },
): Promise<CashUpView> {
  const register = await findRegister(db.kysely, input.registerId);
  if (!register) throw invalid('REGISTER_UNKNOWN', `no active register ${input.registerId}`, 'registerId');
  const id = deps.newId('cash');
  await db.kysely.transaction().execute(async (trx) => {
    if (db.dialect === 'postgres') {
      await trx.selectFrom('registers').select('id').where('id', '=', register.id).forUpdate().execute();
    }
    const until = isoNow(deps.clock);
    const preview = await previewCashUp(trx, {
      registerId: register.id,
      until,
      openingFloatMinor: input.openingFloatMinor ?? 0,
    });
    const figures = cashUpFigures({
      openingFloatMinor: preview.openingFloatMinor,
      cashTakingsMinor: preview.takingsByMethod.cash,
      cashRefundsMinor: preview.refundsByMethod.cash,
      countedCashMinor: input.countedCashMinor,
    });
    await trx
      .insertInto('cash_ups')
      .values({
        id,
        number: await nextNumber(trx, db.dialect, 'cash_up'),
        register_id: register.id,
        staff_id: actor.staffId,
        since: preview.since,
        opening_float_minor: preview.openingFloatMinor,
        cash_takings_minor: preview.takingsByMethod.cash,
        card_takings_minor: preview.takingsByMethod.card,
        cash_refunds_minor: preview.refundsByMethod.cash,
        card_refunds_minor: preview.refundsByMethod.card,
        expected_cash_minor: figures.expectedCashMinor,
        counted_cash_minor: input.countedCashMinor,
        difference_minor: figures.differenceMinor,
        sales_count: preview.salesCount,
        note: input.note?.trim() || null,
        created_at: until,
      })
      .execute();
  });
  return (await loadCashUpView(db.kysely, id))!;
}
