import { Type } from 'typebox';

/** Request and response schemas of the catalog routes; they also give the handlers their types. */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** The largest price or cost the catalogue takes, by any door (API or CSV). */
export const MAX_CATALOG_MINOR = 1_000_000_000_00;
const MinorUnits = Type.Integer({ minimum: 0, maximum: MAX_CATALOG_MINOR });
const TaxRateBp = Type.Integer({ minimum: 0, maximum: 10_000, description: 'basis points, 2000 = 20%' });
const Sku = Type.String({ maxLength: 64 });
const Barcode = Type.String({ minLength: 1, maxLength: 64 });
// `|` separates options in the CSV columns, so it may not appear inside one.
const OptionText = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[^|]*$', description: 'any text without |' });
const Threshold = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const VariantViewSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  productName: Type.String(),
  title: Type.String(),
  sku: Nullable(Type.String()),
  barcode: Nullable(Type.String()),
  gtin: Nullable(Type.String()),
  priceMinor: Type.Integer(),
  costMinor: Nullable(Type.Integer()),
  taxRateBp: Type.Integer(),
  optionValues: Type.Array(Type.String()),
  lowStockThreshold: Nullable(Type.Integer()),
  active: Type.Boolean(),
});

export const ProductViewSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  taxRateBp: Type.Integer(),
  optionNames: Type.Array(Type.String()),
  active: Type.Boolean(),
  variants: Type.Array(VariantViewSchema),
});

export const NewVariantBody = Type.Object(
  {
    optionValues: Type.Optional(Type.Array(OptionText(100), { maxItems: 3 })),
    sku: Type.Optional(Nullable(Sku)),
    barcode: Type.Optional(Nullable(Barcode)),
    internalBarcode: Type.Optional(Type.Boolean()),
    generateBarcode: Type.Optional(Type.Boolean()),
    priceMinor: MinorUnits,
    costMinor: Type.Optional(Nullable(MinorUnits)),
    lowStockThreshold: Type.Optional(Nullable(Threshold)),
  },
  { additionalProperties: false },
);

export const NewProductBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    taxRateBp: TaxRateBp,
    optionNames: Type.Optional(Type.Array(OptionText(50), { maxItems: 3 })),
    variants: Type.Array(NewVariantBody, { minItems: 1, maxItems: 250 }),
  },
  { additionalProperties: false },
);

export const ProductChangesBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    taxRateBp: Type.Optional(TaxRateBp),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const VariantChangesBody = Type.Object(
  {
    sku: Type.Optional(Nullable(Sku)),
    barcode: Type.Optional(Nullable(Barcode)),
    internalBarcode: Type.Optional(Type.Boolean()),
    priceMinor: Type.Optional(MinorUnits),
    costMinor: Type.Optional(Nullable(MinorUnits)),
    lowStockThreshold: Type.Optional(Nullable(Threshold)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PageQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
