/**
 * The barcode printed on a receipt names the sale by its number: "R" and the number, so a returns
 * scan is never mistaken for a product's GTIN.
 */
export const receiptBarcodeFor = (saleNumber: number): string => `R${String(saleNumber).padStart(6, '0')}`;

/** The sale number a receipt barcode (or a typed number, with or without the R) stands for. */
export function saleNumberFromReceiptCode(code: string): number | null {
  const match = /^\s*[Rr]?0*(\d{1,9})\s*$/.exec(code);
  return match ? Number(match[1]) : null;
}
