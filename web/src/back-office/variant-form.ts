import { parseMoneyInput } from '../format.ts';

/** A variant row as typed in the product form; turned into the API's shape by `variantBody`. */
export interface VariantDraft {
  optionValues: string;
  sku: string;
  barcode: string;
  generateBarcode: boolean;
  price: string;
  cost: string;
  lowStockThreshold: string;
}

export const blankVariant = (): VariantDraft => ({
  optionValues: '',
  sku: '',
  barcode: '',
  generateBarcode: false,
  price: '',
  cost: '',
  lowStockThreshold: '',
});

export function variantBody(draft: VariantDraft, row: number): Record<string, unknown> {
  const priceMinor = parseMoneyInput(draft.price);
  if (priceMinor === null) throw new Error(`variant ${row + 1}: enter a price such as 9.99`);
  const body: Record<string, unknown> = { priceMinor };
  const options = draft.optionValues
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
  if (options.length) body.optionValues = options;
  if (draft.sku.trim()) body.sku = draft.sku.trim();
  if (draft.barcode.trim()) body.barcode = draft.barcode.trim();
  else if (draft.generateBarcode) body.generateBarcode = true;
  if (draft.cost.trim()) {
    const costMinor = parseMoneyInput(draft.cost);
    if (costMinor === null) throw new Error(`variant ${row + 1}: cost must be an amount`);
    body.costMinor = costMinor;
  }
  if (draft.lowStockThreshold.trim()) body.lowStockThreshold = Number.parseInt(draft.lowStockThreshold, 10);
  return body;
}
