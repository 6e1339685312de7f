import { invalid } from '../shared/app-error.ts';
import { type ResolvedBarcode, resolveBarcodeInput } from './barcode-input.ts';
import { variantTitle } from './catalog.repository.ts';

/** One variant as a create request gives it. */
export interface NewVariantInput {
  optionValues?: string[] | undefined;
  sku?: string | null | undefined;
  barcode?: string | null | undefined;
  internalBarcode?: boolean | undefined;
  generateBarcode?: boolean | undefined;
  priceMinor: number;
  costMinor?: number | null | undefined;
  lowStockThreshold?: number | null | undefined;
}

/** A variant checked against its product's options, ready to insert. */
export interface PreparedVariant {
  field: string;
  title: string;
  optionValues: string[];
  sku: string | null;
  barcode: ResolvedBarcode | null;
  generateBarcode: boolean;
  priceMinor: number;
  costMinor: number | null;
  lowStockThreshold: number | null;
}

export function prepareVariant(
  input: NewVariantInput,
  optionNames: readonly string[],
  field: string,
): PreparedVariant {
  const optionValues = (input.optionValues ?? []).map((value) => value.trim());
  if (optionValues.length !== optionNames.length) {
    throw invalid(
      'OPTION_VALUES_MISMATCH',
      `${at(field, 'optionValues')}: the product has ${optionNames.length} option(s) (${optionNames.join(', ') || 'none'}), got ${optionValues.length} value(s)`,
      at(field, 'optionValues'),
    );
  }
  if (optionValues.some((value) => value === '')) {
    throw invalid(
      'OPTION_VALUE_EMPTY',
      `${at(field, 'optionValues')}: an option value may not be blank`,
      at(field, 'optionValues'),
    );
  }
  const hasBarcode = input.barcode !== undefined && input.barcode !== null && input.barcode.trim() !== '';
  if (input.generateBarcode && hasBarcode) {
    throw invalid(
      'BARCODE_CONFLICTING_INPUT',
      `${field || 'variant'}: give a barcode or ask to generate one, not both`,
      at(field, 'generateBarcode'),
    );
  }
  return {
    field,
    title: variantTitle(optionValues),
    optionValues,
    sku: normaliseSku(input.sku),
    barcode: hasBarcode
      ? resolveBarcodeInput(input.barcode!, input.internalBarcode ?? false, at(field, 'barcode'))
      : null,
    generateBarcode: input.generateBarcode ?? false,
    priceMinor: input.priceMinor,
    costMinor: input.costMinor ?? null,
    lowStockThreshold: input.lowStockThreshold ?? null,
  };
}

export function normaliseSku(sku: string | null | undefined): string | null {
  const trimmed = sku?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Two variants of one product with the same option values could not be told apart at the till. */
export function assertDistinctOptions(
  variants: readonly PreparedVariant[],
  existingTitles: readonly string[] = [],
) {
  const seen = new Set(existingTitles);
  for (const variant of variants) {
    if (seen.has(variant.title)) {
      throw invalid(
        'VARIANT_DUPLICATE',
        `${variant.field || 'variant'}: the product already has a variant "${variant.title}"`,
        at(variant.field, 'optionValues'),
      );
    }
    seen.add(variant.title);
  }
}

/** `variants.2` + `sku` → `variants.2.sku`; a lone variant's fields have no prefix. */
export function at(prefix: string, name: string): string {
  return prefix ? `${prefix}.${name}` : name;
}
