/**
 * A register's cash-up (Z report) arithmetic: the drawer should hold the opening float plus the cash
 * kept from sales (cash handed over less change given) less cash refunded; the difference is what was
 * counted minus that (negative = short, positive = over).
 */
export interface CashUpFigures {
  expectedCashMinor: number;
  differenceMinor: number;
}

export function cashUpFigures(input: {
  openingFloatMinor: number;
  cashTakingsMinor: number;
  cashRefundsMinor: number;
  countedCashMinor: number;
}): CashUpFigures {
  const expectedCashMinor = input.openingFloatMinor + input.cashTakingsMinor - input.cashRefundsMinor;
  return { expectedCashMinor, differenceMinor: input.countedCashMinor - expectedCashMinor };
}
