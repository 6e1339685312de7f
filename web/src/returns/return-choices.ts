import type { SaleLineView, SaleView } from '../api/types.ts';

export interface ReturnChoice {
  quantity: number;
  restock: boolean;
}

export const returnableQuantity = (line: SaleLineView): number => line.quantity - line.returnedQuantity;

/**
 * What the customer gets back, as the page can estimate it: each line's paid total shared evenly over
 * its units (floor, so the page never promises more than the server, which records the real figure).
 */
export function refundEstimate(sale: SaleView, choices: Record<string, ReturnChoice>): number {
  return sale.lines.reduce((sum, line) => {
    const quantity = choices[line.id]?.quantity ?? 0;
    return sum + Math.floor((line.totalMinor * quantity) / line.quantity);
  }, 0);
}
